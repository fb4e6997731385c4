using Actors.Providers.Storage;
using Actors.Providers.Storage.Memory;

namespace Actors.Providers.Tests.Storage;

/// <summary>A memory store that can hold batches at a gate and fail them, and records the batches it was given.</summary>
internal sealed class GatedStateStore : IStateStore
{
    private readonly MemoryStateStore _inner = new();
    private readonly List<int> _batchSizes = [];
    private TaskCompletionSource _gate = Open();
    private int _failNext;

    public string Name => "gated";

    /// <summary>Completes when a batch has reached the gate.</summary>
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The sizes of the batches that committed, in order.</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_batchSizes)
            {
                return [.. _batchSizes];
            }
        }
    }

    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public void FailNextBatch() => Interlocked.Exchange(ref _failNext, 1);

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken) => _inner.ReadAsync(key, cancellationToken);

    public Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        _inner.DeleteUnchangedSinceAsync(grainType, cutoff, cancellationToken);

    public async Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        Arrived.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        if (Interlocked.Exchange(ref _failNext, 0) == 1)
        {
            // Marks some writes first, as a store that failed part way through would, to show the outcomes are reset.
            writes[0].MarkCommitted();
            throw new InvalidOperationException("forced batch failure");
        }

        await _inner.WriteBatchAsync(writes, cancellationToken);
        lock (_batchSizes)
        {
            _batchSizes.Add(writes.Count);
        }
    }

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
