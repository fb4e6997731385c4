namespace Actors.Providers.Storage;

/// <summary>
/// Where grain state records live, below the Orleans-facing <see cref="GrainStateStorage"/>: reads fetch one record; writes arrive
/// in batches that the store applies in one transaction, each write a compare-and-swap on the record's version.
/// </summary>
/// <remarks>
/// Versions: a record never written has version 0. Each committed write (a clear included) sets version + 1. A clear keeps the
/// row as a tombstone (no data, a version), so a writer that read an older version can never succeed after a clear and a
/// re-create (no ABA).
/// </remarks>
internal interface IStateStore
{
    /// <summary>A short name for logs and metrics: <c>sqlite</c>, <c>postgres</c> or <c>memory</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema. Idempotent; safe when several silos start at once.</summary>
    /// <exception cref="StorageUnavailableException">The database could not be reached or migrated.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one record, or null when it was never written. A cleared record comes back with null data and its version.</summary>
    /// <exception cref="StorageUnavailableException">The database could not be read.</exception>
    Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the writes in order in one transaction and sets each write's <see cref="StateWrite.Outcome"/>. A write whose expected
    /// version does not match is a conflict and changes nothing; the others still commit.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The transaction failed; none of the writes took effect, all are pending.</exception>
    Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the records of <paramref name="grainType"/> last written before <paramref name="cutoff"/> (by the store's clock),
    /// tombstones included, and returns how many. See <see cref="IGrainStateRetention"/> for when that is safe.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The database could not be written; nothing was deleted.</exception>
    Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken);
}
