namespace Actors.Providers.Storage;

/// <summary>
/// Retention of grain state: deletes the stored records of one grain type that nobody wrote for a while, for records that
/// expire by design (idempotency keys). The grain storages of this project implement it beside Orleans's
/// <see cref="Orleans.Storage.IGrainStorage"/>.
/// </summary>
/// <remarks>
/// A deleted record reads as never written, and its next write starts again at version 1. Delete only records whose grains
/// are long deactivated: an activation still holding a record's version could otherwise write over a new record of the same
/// version. A cutoff older than the grain collection age (Orleans deactivates a grain idle that long) by a margin ensures it.
/// </remarks>
public interface IGrainStateRetention
{
    /// <summary>
    /// Deletes the records of grains of <paramref name="grainType"/> (<c>GrainId.Type</c> as a string, "idempotency" say) last
    /// written before <paramref name="cutoff"/>, by the database's clock, and returns how many it deleted.
    /// </summary>
    /// <exception cref="StorageUnavailableException">The database could not be written; nothing was deleted.</exception>
    Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken);
}
