namespace Actors.Runtime.Membership;

/// <summary>
/// A membership table in process memory with the same compare-and-swap rules as the SQL tables, its clock taken from a
/// <see cref="TimeProvider"/>. Several in-process silos sharing one instance form a cluster, for tests and throwaway runs.
/// </summary>
public sealed class MemoryMembershipTable(TimeProvider timeProvider) : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Cluster, SiloAddress Silo), VersionedMembershipEntry> _rows = [];
    private int _unreachable;

    /// <summary>Creates the table on the system clock.</summary>
    public MemoryMembershipTable() : this(TimeProvider.System) { }

    /// <inheritdoc />
    public string Name => "memory";

    /// <summary>While true every call fails with <see cref="StorageException"/>, as when the database cannot be reached.</summary>
    public bool Unreachable
    {
        get => Volatile.Read(ref _unreachable) != 0;
        set => Volatile.Write(ref _unreachable, value ? 1 : 0);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAsync(string clusterId, CancellationToken cancellationToken)
    {
        lock (Enter())
        {
            var rows = _rows.Where(r => r.Key.Cluster == clusterId).Select(r => r.Value).ToList();
            return Task.FromResult(new MembershipSnapshot(_versions.GetValueOrDefault(clusterId), Now, rows));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(string clusterId, MembershipEntry entry, long tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Enter())
        {
            if (_versions.GetValueOrDefault(clusterId) != tableVersion || _rows.ContainsKey((clusterId, entry.Silo)))
            {
                return Task.FromResult(false);
            }

            var now = Now;
            _rows[(clusterId, entry.Silo)] = new VersionedMembershipEntry(entry with { StartedAt = now, HeartbeatAt = now }, 1);
            _versions[clusterId] = tableVersion + 1;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(string clusterId, MembershipEntry entry, long rowVersion, long tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Enter())
        {
            if (_versions.GetValueOrDefault(clusterId) != tableVersion
                || !_rows.TryGetValue((clusterId, entry.Silo), out var current) || current.Version != rowVersion)
            {
                return Task.FromResult(false);
            }

            var updated = entry with { StartedAt = current.Entry.StartedAt, HeartbeatAt = current.Entry.HeartbeatAt };
            _rows[(clusterId, entry.Silo)] = new VersionedMembershipEntry(updated, rowVersion + 1);
            _versions[clusterId] = tableVersion + 1;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<long?> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken)
    {
        lock (Enter())
        {
            if (!_rows.TryGetValue((clusterId, silo), out var current) || current.Entry.Status == SiloStatus.Dead)
            {
                return Task.FromResult<long?>(null);
            }

            var now = Now;
            _rows[(clusterId, silo)] = current with { Entry = current.Entry with { HeartbeatAt = now } };
            return Task.FromResult<long?>(now);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteDeadAsync(string clusterId, long olderThan, CancellationToken cancellationToken)
    {
        lock (Enter())
        {
            var dead = _rows.Where(r => r.Key.Cluster == clusterId && r.Value.Entry.Status == SiloStatus.Dead && r.Value.Entry.HeartbeatAt < olderThan)
                .Select(r => r.Key).ToList();
            dead.ForEach(key => _rows.Remove(key));
            return Task.FromResult(dead.Count);
        }
    }

    private long Now => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private Lock Enter() => Unreachable ? throw new StorageException("The membership table is unreachable (injected).") : _lock;
}
