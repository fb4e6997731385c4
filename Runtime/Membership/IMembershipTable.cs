namespace Actors.Runtime.Membership;

/// <summary>
/// The cluster's membership table. Every change of a row (insert, status, suspicions) is a compare-and-swap on both the
/// row's version and the cluster's table version, so two silos that decide from the same snapshot cannot both win.
/// Heartbeats only touch the silo's own row and change no version.
/// </summary>
public interface IMembershipTable
{
    /// <summary>A short name for logs, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema (the same migrations as grain storage). Idempotent; safe under concurrent starts.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads every row of the cluster, its table version and the database clock, consistently.</summary>
    /// <exception cref="StorageException">The table could not be read.</exception>
    Task<MembershipSnapshot> ReadAsync(string clusterId, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts a row if the cluster's table version is <paramref name="tableVersion"/> and no row exists for that silo and
    /// epoch; then adds one to the table version. Sets <see cref="MembershipEntry.StartedAt"/> and
    /// <see cref="MembershipEntry.HeartbeatAt"/> to the database clock. Returns false, changing nothing, otherwise.
    /// </summary>
    Task<bool> TryInsertAsync(string clusterId, MembershipEntry entry, long tableVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row of <c>entry.Silo</c> (status, suspicions, zone, ports; not the heartbeat) if its version is
    /// <paramref name="rowVersion"/> and the table version is <paramref name="tableVersion"/>; then adds one to both.
    /// Returns false, changing nothing, otherwise.
    /// </summary>
    Task<bool> TryUpdateAsync(string clusterId, MembershipEntry entry, long rowVersion, long tableVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the silo's heartbeat to the database clock and returns that time (Unix ms); returns null when the row does not
    /// exist or says the silo is Dead (the silo must then stop serving).
    /// </summary>
    Task<long?> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>Deletes Dead rows whose heartbeat is older than <paramref name="olderThan"/> (database clock, Unix ms); returns how many.</summary>
    Task<int> DeleteDeadAsync(string clusterId, long olderThan, CancellationToken cancellationToken);
}
