namespace Actors.Providers.Schema;

internal static partial class SchemaMigrations
{
    /// <summary>
    /// The Orleans membership table (version 4 onwards): per cluster id, one version row (Orleans's TableVersion: its number and
    /// an etag) and one row per silo generation. Times are Unix milliseconds of the writing silo's clock; status is the
    /// SiloStatus number; suspect_times is a JSON array or NULL; updated_at is the latest of the start, IAmAlive and suspicion
    /// times, which defunct-row cleanup compares.
    /// </summary>
    private static IReadOnlyList<Migration> Membership =>
    [
        new(4, "orleans_membership",
            PostgresSql: """
                CREATE TABLE orleans_membership_version (
                    cluster_id text PRIMARY KEY,
                    version integer NOT NULL,
                    etag bigint NOT NULL
                );
                CREATE TABLE orleans_membership (
                    cluster_id text NOT NULL,
                    address text NOT NULL,
                    port integer NOT NULL,
                    generation integer NOT NULL,
                    status integer NOT NULL,
                    proxy_port integer NOT NULL,
                    host_name text NULL,
                    silo_name text NULL,
                    role_name text NULL,
                    update_zone integer NOT NULL,
                    fault_zone integer NOT NULL,
                    suspect_times text NULL,
                    start_time bigint NOT NULL,
                    i_am_alive_time bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    etag bigint NOT NULL,
                    PRIMARY KEY (cluster_id, address, port, generation)
                );
                """,
            SqliteSql: """
                CREATE TABLE orleans_membership_version (
                    cluster_id TEXT PRIMARY KEY,
                    version INTEGER NOT NULL,
                    etag INTEGER NOT NULL
                );
                CREATE TABLE orleans_membership (
                    cluster_id TEXT NOT NULL,
                    address TEXT NOT NULL,
                    port INTEGER NOT NULL,
                    generation INTEGER NOT NULL,
                    status INTEGER NOT NULL,
                    proxy_port INTEGER NOT NULL,
                    host_name TEXT NULL,
                    silo_name TEXT NULL,
                    role_name TEXT NULL,
                    update_zone INTEGER NOT NULL,
                    fault_zone INTEGER NOT NULL,
                    suspect_times TEXT NULL,
                    start_time INTEGER NOT NULL,
                    i_am_alive_time INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    etag INTEGER NOT NULL,
                    PRIMARY KEY (cluster_id, address, port, generation)
                );
                """),
    ];
}
