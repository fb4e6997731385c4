using System.Collections.Concurrent;

namespace Actors.Runtime.Storage;

/// <summary>
/// Grain state in process memory, with the same version semantics as the database providers. For tests and throwaway
/// development silos: everything is lost when the process ends.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainId, string), StoredState> _records = new();
    private readonly Lock _writeLock = new();

    /// <inheritdoc />
    public string Name => "memory";

    /// <summary>How many batches have been committed.</summary>
    public int BatchCount { get; private set; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue((grainId, stateName), out var stored) ? stored : null);

    /// <inheritdoc />
    public Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_writeLock)
        {
            foreach (var write in writes)
            {
                var key = (write.GrainId, write.StateName);
                var current = _records.TryGetValue(key, out var stored) ? stored.Version : 0;
                if (current != write.ExpectedVersion)
                {
                    write.MarkConflict();
                    continue;
                }

                _records[key] = new StoredState(write.Data?.ToArray(), write.NewVersion);
                write.MarkCommitted();
            }

            BatchCount++;
        }

        return Task.CompletedTask;
    }

    /// <summary>Replaces a record's bytes directly, keeping its version: for tests of corrupt stored state.</summary>
    public void Overwrite(GrainId grainId, string stateName, byte[] data, long version) =>
        _records[(grainId, stateName)] = new StoredState(data, version);
}
