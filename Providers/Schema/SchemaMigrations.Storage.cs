namespace Actors.Providers.Schema;

internal static partial class SchemaMigrations
{
    /// <summary>Grain state: one row per (grain type, key, state name), its version the ETag.</summary>
    private static IReadOnlyList<Migration> Storage =>
    [
        new(1, "grain_state",
            PostgresSql: """
                CREATE TABLE grain_state (
                    grain_type text NOT NULL,
                    grain_key text NOT NULL,
                    state_name text NOT NULL,
                    version bigint NOT NULL,
                    data bytea NULL,
                    modified_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (grain_type, grain_key, state_name)
                );
                """,
            SqliteSql: """
                CREATE TABLE grain_state (
                    grain_type TEXT NOT NULL,
                    grain_key TEXT NOT NULL,
                    state_name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    data BLOB NULL,
                    modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                    PRIMARY KEY (grain_type, grain_key, state_name)
                );
                """),
        new(6, "grain_state_modified",
            PostgresSql: "CREATE INDEX grain_state_modified ON grain_state (grain_type, modified_at);",
            SqliteSql: "CREATE INDEX grain_state_modified ON grain_state (grain_type, modified_at);"),
    ];
}
