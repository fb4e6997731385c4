namespace Actors.Providers.Membership;

/// <summary>
/// The membership statements, one text for PostgreSQL and SQLite but for the name of the function giving the larger of two
/// values. Every statement is scoped by <c>@cluster</c>.
/// </summary>
internal sealed class MembershipSql
{
    private const string SiloKey = "cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation";

    private const string Columns = """
        address, port, generation, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone,
        suspect_times, start_time, i_am_alive_time, etag
        """;

    public MembershipSql(string greatest)
    {
        UpdateRow = $"""
            UPDATE orleans_membership SET status = @status, proxy_port = @proxy_port, host_name = @host_name,
                silo_name = @silo_name, role_name = @role_name, update_zone = @update_zone, fault_zone = @fault_zone,
                suspect_times = @suspect_times, start_time = @start_time, i_am_alive_time = @i_am_alive_time,
                updated_at = {greatest}(updated_at, @updated_at), etag = etag + 1
            WHERE {SiloKey} AND etag = @row_etag
            """;
        // The row etag stays: a heartbeat must not make a membership decision read before it fail its row check.
        UpdateIAmAlive = $"""
            UPDATE orleans_membership SET i_am_alive_time = @i_am_alive_time, updated_at = {greatest}(updated_at, @i_am_alive_time)
            WHERE {SiloKey}
            """;
    }

    public string SelectVersion { get; } = "SELECT version, etag FROM orleans_membership_version WHERE cluster_id = @cluster";

    public string SelectRows { get; } = $"SELECT {Columns} FROM orleans_membership WHERE cluster_id = @cluster";

    public string SelectRow { get; } = $"SELECT {Columns} FROM orleans_membership WHERE {SiloKey}";

    /// <summary>Creates the cluster's version row at version 0 and etag 0, what a read reports while the row is missing.</summary>
    public string CreateVersion { get; } = """
        INSERT INTO orleans_membership_version (cluster_id, version, etag) VALUES (@cluster, 0, 0) ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// The table version's compare-and-swap: the etag read must still be there and the version must grow. Writers take this row
    /// before any silo row, so writers of one cluster take turns on it and cannot deadlock.
    /// </summary>
    public string BumpVersion { get; } = """
        UPDATE orleans_membership_version SET version = @version, etag = etag + 1
        WHERE cluster_id = @cluster AND etag = @etag AND version < @version
        """;

    public string InsertRow { get; } = """
        INSERT INTO orleans_membership (
            cluster_id, address, port, generation, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone,
            suspect_times, start_time, i_am_alive_time, updated_at, etag)
        VALUES (
            @cluster, @address, @port, @generation, @status, @proxy_port, @host_name, @silo_name, @role_name, @update_zone,
            @fault_zone, @suspect_times, @start_time, @i_am_alive_time, @updated_at, 0)
        ON CONFLICT DO NOTHING
        """;

    public string UpdateRow { get; }

    public string UpdateIAmAlive { get; }

    public string DeleteDefunct { get; } = """
        DELETE FROM orleans_membership WHERE cluster_id = @cluster AND status <> @active AND updated_at < @before
        """;

    public string DeleteClusterVersion { get; } = "DELETE FROM orleans_membership_version WHERE cluster_id = @cluster";

    public string DeleteClusterRows { get; } = "DELETE FROM orleans_membership WHERE cluster_id = @cluster";
}
