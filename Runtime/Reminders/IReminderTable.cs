namespace Actors.Runtime.Reminders;

/// <summary>
/// The durable table of reminders, one row per (grain, reminder name). Every change is a compare-and-swap on the row's version:
/// a writer names the version it read (0 for a row it expects to be absent) and loses, changing nothing, when the row moved on.
/// </summary>
/// <remarks>
/// Arguments the table cannot store (an empty name, a negative period) throw <see cref="ArgumentException"/> before the database
/// is touched; failures of the database throw <see cref="StorageException"/>.
/// </remarks>
public interface IReminderTable
{
    /// <summary>A short name for logs, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Creates or migrates the schema (the same migrations as grain storage). Idempotent; safe under concurrent starts.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads one reminder; null when it does not exist.</summary>
    Task<ReminderEntry?> ReadAsync(ReminderKey key, CancellationToken cancellationToken);

    /// <summary>Reads every reminder of one grain, ordered by name.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="limit"/> reminders of every grain that come after <paramref name="after"/> in the table's order
    /// of (grain type, grain key, name); from the start when <paramref name="after"/> is null. Passing the last key of a page reads
    /// the next one, so a scan holds one page at a time; a scan is not one snapshot: rows changed while it runs may appear old or new.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ReadPageAsync(ReminderKey? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the row of <c>entry.Key</c> (first tick, period, last tick) if its version is <paramref name="expectedVersion"/>, or
    /// creates it if <paramref name="expectedVersion"/> is 0 and it does not exist. Returns the row's new version, or null,
    /// changing nothing, when the row is not at the expected version.
    /// </summary>
    Task<long?> TryUpsertAsync(ReminderEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Records that tick <paramref name="lastTick"/> was acknowledged, if the row's version is <paramref name="expectedVersion"/>.
    /// Returns the row's new version, or null, changing nothing, when the row is missing or not at the expected version.
    /// </summary>
    Task<long?> TryAdvanceAsync(ReminderKey key, long lastTick, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the row if its version is <paramref name="expectedVersion"/>; false, changing nothing, otherwise.</summary>
    Task<bool> TryDeleteAsync(ReminderKey key, long expectedVersion, CancellationToken cancellationToken);
}
