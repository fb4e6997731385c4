namespace Actors.Providers.Storage.Memory;

/// <summary>
/// State records in process memory, with the same version semantics as the database stores. A batch is applied under one lock,
/// so it is atomic to readers and to other batches. Everything is lost when the process ends.
/// </summary>
internal sealed class MemoryStateStore : IStateStore
{
    private readonly Dictionary<StateKey, StoredState> _records = [];
    private readonly Dictionary<StateKey, DateTimeOffset> _modified = [];
    private readonly Lock _lock = new();

    public string Name => "memory";

    /// <summary>How many batches have been applied.</summary>
    public int BatchCount { get; private set; }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_records.TryGetValue(key, out var stored) ? stored : null);
        }
    }

    public Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var write in writes)
            {
                var current = _records.TryGetValue(write.Key, out var stored) ? stored.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    write.MarkConflict();
                    continue;
                }

                // A copy: the caller may reuse its buffer, and readers must never see it change.
                _records[write.Key] = new StoredState(write.Data?.ToArray(), write.NewVersion);
                _modified[write.Key] = DateTimeOffset.UtcNow;
                write.MarkCommitted();
            }

            BatchCount++;
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stale = _modified.Where(m => m.Key.GrainType == grainType && m.Value < cutoff).Select(m => m.Key).ToList();
            foreach (var key in stale)
            {
                _records.Remove(key);
                _modified.Remove(key);
            }

            return Task.FromResult(stale.Count);
        }
    }

    /// <summary>Puts a record directly, bytes and version as given (null bytes: a tombstone), for tests of old records.</summary>
    public void Overwrite(StateKey key, byte[]? data, long version)
    {
        lock (_lock)
        {
            _records[key] = new StoredState(data, version);
            _modified[key] = DateTimeOffset.UtcNow;
        }
    }
}
