namespace Actors.Runtime.Membership.Sql;

/// <summary>
/// The membership statements of one SQL dialect. PostgreSQL and SQLite share the text of every statement and differ only in how
/// the database clock is read; parameters are named <c>@name</c>, which Npgsql and Microsoft.Data.Sqlite both accept.
/// </summary>
internal sealed class MembershipSql
{
    private const string SiloKey = "cluster_id = @cluster AND host = @host AND port = @port AND epoch = @epoch";

    private MembershipSql(string now)
    {
        SelectNowAndVersion = $"SELECT {now}, (SELECT version FROM membership_version WHERE cluster_id = @cluster)";
        // The clock is read once, in a derived table, so that started_at and heartbeat_at are the same instant. SQLite needs the
        // WHERE to tell the upsert's ON CONFLICT from a join's ON.
        InsertRow = $"""
            INSERT INTO membership (
                cluster_id, host, port, epoch, zone, status, gateway_port, http_port, started_at, heartbeat_at, suspicions, row_version)
            SELECT @cluster, @host, @port, @epoch, @zone, @status, @gateway_port, @http_port, clock.now, clock.now, @suspicions, 1
            FROM (SELECT {now} AS now) AS clock WHERE true
            ON CONFLICT DO NOTHING
            """;
        Heartbeat = $"UPDATE membership SET heartbeat_at = {now} WHERE {SiloKey} AND status <> @dead RETURNING heartbeat_at";
    }

    /// <summary>
    /// PostgreSQL: <c>clock_timestamp()</c> is the time of the statement, not of the transaction's start; truncated to whole
    /// milliseconds like SQLite's.
    /// </summary>
    public static MembershipSql Postgres { get; } = new("floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint");

    /// <summary>SQLite: whole seconds and the milliseconds of <c>%f</c> (<c>SS.SSS</c>), exact integers of one reading of 'now'.</summary>
    public static MembershipSql Sqlite { get; } =
        new("(CAST(strftime('%s', 'now') AS INTEGER) * 1000 + CAST(substr(strftime('%f', 'now'), 4) AS INTEGER))");

    /// <summary>One row: the database clock and the cluster's table version (NULL before the cluster's first insert).</summary>
    public string SelectNowAndVersion { get; }

    public string SelectRows { get; } = """
        SELECT host, port, epoch, zone, status, gateway_port, http_port, started_at, heartbeat_at, suspicions, row_version
        FROM membership WHERE cluster_id = @cluster ORDER BY host, port, epoch
        """;

    public string CreateVersion { get; } = "INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING";

    /// <summary>The table version's compare-and-swap; the row lock it takes makes concurrent writers of the cluster take turns.</summary>
    public string BumpVersion { get; } = "UPDATE membership_version SET version = version + 1 WHERE cluster_id = @cluster AND version = @version";

    public string InsertRow { get; }

    public string UpdateRow { get; } = $"""
        UPDATE membership SET zone = @zone, status = @status, gateway_port = @gateway_port, http_port = @http_port,
            suspicions = @suspicions, row_version = row_version + 1
        WHERE {SiloKey} AND row_version = @row_version
        """;

    public string Heartbeat { get; }

    public string DeleteDead { get; } = "DELETE FROM membership WHERE cluster_id = @cluster AND status = @dead AND heartbeat_at < @older_than";
}
