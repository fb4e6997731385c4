namespace Actors.Providers.Schema;

internal static partial class SchemaMigrations
{
    /// <summary>
    /// The membership and reminder tables of the project's first runtime, before it moved onto Orleans. Released, so kept as
    /// they were; the Orleans tables replace them (the reminders migration carries their rows over).
    /// </summary>
    private static IReadOnlyList<Migration> Legacy =>
    [
        // Times are Unix milliseconds of the database clock; status is the SiloStatus name; suspicions a JSON array.
        new(2, "membership",
            PostgresSql: """
                CREATE TABLE membership (
                    cluster_id text NOT NULL,
                    host text NOT NULL,
                    port integer NOT NULL,
                    epoch bigint NOT NULL,
                    zone text NOT NULL,
                    status text NOT NULL,
                    gateway_port integer NOT NULL,
                    http_port integer NOT NULL,
                    started_at bigint NOT NULL,
                    heartbeat_at bigint NOT NULL,
                    suspicions text NOT NULL,
                    row_version bigint NOT NULL,
                    PRIMARY KEY (cluster_id, host, port, epoch)
                );
                CREATE TABLE membership_version (
                    cluster_id text PRIMARY KEY,
                    version bigint NOT NULL
                );
                """,
            SqliteSql: """
                CREATE TABLE membership (
                    cluster_id TEXT NOT NULL,
                    host TEXT NOT NULL,
                    port INTEGER NOT NULL,
                    epoch INTEGER NOT NULL,
                    zone TEXT NOT NULL,
                    status TEXT NOT NULL,
                    gateway_port INTEGER NOT NULL,
                    http_port INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    heartbeat_at INTEGER NOT NULL,
                    suspicions TEXT NOT NULL,
                    row_version INTEGER NOT NULL,
                    PRIMARY KEY (cluster_id, host, port, epoch)
                );
                CREATE TABLE membership_version (
                    cluster_id TEXT PRIMARY KEY,
                    version INTEGER NOT NULL
                );
                """),

        // One row per (grain, reminder name). Times are Unix milliseconds; last_tick is -1 before the first acknowledged tick;
        // version is the row's compare-and-swap version (random at creation, plus one per change).
        new(3, "reminders",
            PostgresSql: """
                CREATE TABLE reminders (
                    grain_type text NOT NULL,
                    grain_key text NOT NULL,
                    reminder_name text NOT NULL,
                    first_tick_at bigint NOT NULL,
                    period_ms bigint NOT NULL,
                    last_tick bigint NOT NULL,
                    version bigint NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, reminder_name)
                );
                """,
            SqliteSql: """
                CREATE TABLE reminders (
                    grain_type TEXT NOT NULL,
                    grain_key TEXT NOT NULL,
                    reminder_name TEXT NOT NULL,
                    first_tick_at INTEGER NOT NULL,
                    period_ms INTEGER NOT NULL,
                    last_tick INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, reminder_name)
                );
                """),
    ];
}
