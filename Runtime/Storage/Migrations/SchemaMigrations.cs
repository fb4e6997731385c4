namespace Actors.Runtime.Storage.Migrations;

/// <summary>
/// Every migration of the storage schema, oldest first. A schema change is a new entry at the end of <see cref="All"/>;
/// released entries never change, because databases record which versions they have applied.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
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
    ];

    /// <summary>
    /// The migrations of <paramref name="known"/> that <paramref name="applied"/> lacks, in order. Throws when the database holds
    /// a version newer than any known one: a newer build migrated it, and this build would misread its schema.
    /// </summary>
    public static IReadOnlyList<Migration> Pending(IReadOnlyList<Migration> known, IReadOnlyCollection<long> applied, string store)
    {
        var newestKnown = known.Count == 0 ? 0 : known[^1].Version;
        var newestApplied = applied.Count == 0 ? 0 : applied.Max();
        if (newestApplied > newestKnown)
        {
            throw new StorageException(
                $"The {store} database holds schema migration {newestApplied}, but this build knows migrations up to {newestKnown} only. " +
                "Run a build that knows the newer schema, or point this silo at another database.");
        }

        return known.Where(m => !applied.Contains(m.Version)).ToList();
    }
}
