namespace Actors.Runtime.Storage;

/// <summary>
/// Where grain state lives. Reads fetch one record; writes arrive in batches that the provider applies in one transaction,
/// each write a compare-and-swap on the record's version.
/// </summary>
/// <remarks>
/// Versions: a record that was never written has version 0. Each committed write (including a clear) sets version + 1.
/// A clear keeps the row as a tombstone (no data, a version), so a writer that read an older version can never succeed
/// after a clear and a re-create (no ABA).
/// </remarks>
public interface IGrainStorage
{
    /// <summary>A short name for logs and metrics, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema. Idempotent; safe when several silos start at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one record, or null when it was never written. A cleared record comes back with null data and its version.</summary>
    /// <exception cref="StorageException">The store could not be read.</exception>
    Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the writes in order in one transaction and sets each write's <see cref="StateWrite.Outcome"/>. A write whose expected
    /// version does not match is a conflict and changes nothing; the others still commit.
    /// </summary>
    /// <exception cref="StorageException">The transaction failed; none of the writes took effect.</exception>
    Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken);
}
