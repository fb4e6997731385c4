using Actors.Providers.Storage;

namespace Actors.Providers.Schema;

/// <summary>
/// Every migration of the providers' schema, oldest first: grain state, membership and reminders share one database and one
/// version sequence. A schema change is a new entry with the next version in the part it belongs to; released entries never
/// change, because databases record which versions they have applied.
/// </summary>
internal static partial class SchemaMigrations
{
    // Computed when asked (once per store at start): the parts live in other files, whose static initializers run in no set order.
    public static IReadOnlyList<Migration> All => [.. new[] { Storage, Legacy, Membership, Reminders, Logins }.SelectMany(m => m).OrderBy(m => m.Version)];

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
            throw new StorageUnavailableException(
                $"The {store} database holds schema migration {newestApplied}, but this build knows migrations up to {newestKnown} only. " +
                "Run a build that knows the newer schema, or point this silo at another database.");
        }

        return known.Where(m => !applied.Contains(m.Version)).ToList();
    }
}
