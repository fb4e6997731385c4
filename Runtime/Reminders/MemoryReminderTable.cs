namespace Actors.Runtime.Reminders;

/// <summary>
/// A reminder table in process memory with the same compare-and-swap rules as the SQL tables, ordered by ordinal comparison.
/// Several in-process silos sharing one instance share their reminders, for tests and throwaway runs.
/// </summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<ReminderKey, ReminderEntry> _rows = new(KeyComparer.Instance);
    private int _unreachable;

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
    public Task<ReminderEntry?> ReadAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        lock (Enter())
        {
            return Task.FromResult(_rows.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateGrain(grainId);
        lock (Enter())
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(r => r.GrainId == grainId)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadPageAsync(ReminderKey? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (Enter())
        {
            var rows = after is { } start ? _rows.Values.Where(r => KeyComparer.Instance.Compare(r.Key, start) > 0) : _rows.Values;
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. rows.Take(limit)]);
        }
    }

    /// <inheritdoc />
    public Task<long?> TryUpsertAsync(ReminderEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateEntry(entry);
        lock (Enter())
        {
            var current = _rows.GetValueOrDefault(entry.Key);
            if ((current?.Version ?? 0) != expectedVersion)
            {
                return Task.FromResult<long?>(null);
            }

            var version = current is null ? ReminderVersions.New() : expectedVersion + 1;
            _rows[entry.Key] = entry with { Version = version };
            return Task.FromResult<long?>(version);
        }
    }

    /// <inheritdoc />
    public Task<long?> TryAdvanceAsync(ReminderKey key, long lastTick, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        ReminderArguments.ValidateTick(lastTick);
        lock (Enter())
        {
            if (!_rows.TryGetValue(key, out var current) || current.Version != expectedVersion)
            {
                return Task.FromResult<long?>(null);
            }

            _rows[key] = current with { LastTick = lastTick, Version = expectedVersion + 1 };
            return Task.FromResult<long?>(expectedVersion + 1);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(ReminderKey key, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        lock (Enter())
        {
            return Task.FromResult(_rows.TryGetValue(key, out var current) && current.Version == expectedVersion && _rows.Remove(key));
        }
    }

    private Lock Enter() => Unreachable ? throw new StorageException("The reminder table is unreachable (injected).") : _lock;

    private sealed class KeyComparer : IComparer<ReminderKey>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(ReminderKey x, ReminderKey y)
        {
            var order = string.CompareOrdinal(x.GrainId.Type, y.GrainId.Type);
            order = order != 0 ? order : string.CompareOrdinal(x.GrainId.Key, y.GrainId.Key);
            return order != 0 ? order : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
