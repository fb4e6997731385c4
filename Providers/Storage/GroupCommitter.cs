using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Actors.Providers.Storage;

/// <summary>
/// Batches state writes from many grains into one store transaction. A writer is answered only after the transaction holding
/// its write has committed (or failed); while one batch commits, the next one fills. The queue is bounded: when it is full,
/// writers wait for room (back-pressure on the writing grains) instead of the silo's memory growing without bound.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);

    private readonly IStateStore _store;
    private readonly int _maxBatchSize;
    private readonly StorageMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<List<PendingWrite>, byte> _inFlight = new();

    public GroupCommitter(
        IStateStore store, int maxBatchSize, int maxConcurrentBatches, int maxPendingWrites, StorageMetrics metrics, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingWrites, 1);
        _store = store;
        _maxBatchSize = maxBatchSize;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(maxPendingWrites)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = maxConcurrentBatches == 1,
        });
        using (ExecutionContext.SuppressFlow()) // the loops outlive whatever request created the storage: no activity of theirs
        {
            _loops = [.. Enumerable.Range(0, maxConcurrentBatches).Select(_ => Task.Run(CommitLoopAsync))];
        }
    }

    /// <summary>
    /// Queues the write and completes once its transaction has committed; the outcome is on the write. The token cancels waiting
    /// for room in a full queue only: once queued, the write's fate is decided by its transaction, and the caller learns it.
    /// </summary>
    /// <exception cref="StorageUnavailableException">
    /// The transaction failed, or the committer stopped; the write did not take effect.
    /// </exception>
    public async Task CommitAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(pending))
        {
            try
            {
                await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new StorageUnavailableException(
                    $"The write of state {write.Key} was refused: the {_store.Name} storage writer has stopped.");
            }
        }

        await pending.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Takes no more writes and commits those already queued. When <paramref name="cancellationToken"/> fires first, cancels the
    /// batch in flight and fails every write still waiting (see <see cref="AbortAsync"/>).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            StorageLog.StopAborted(_logger, _store.Name, await AbortAsync().ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Stops at once, as a crash would: takes no more writes, cancels the batch in flight and fails every write not yet answered
    /// with <see cref="StorageUnavailableException"/> (their outcome is unknown to the writers). Returns how many were failed.
    /// </summary>
    public async Task<int> AbortAsync()
    {
        _queue.Writer.TryComplete();
        await _abort.CancelAsync().ConfigureAwait(false);
        var waiting = new List<PendingWrite>();
        while (_queue.Reader.TryRead(out var pending))
        {
            waiting.Add(pending);
        }

        // Writes whose batch is stuck in the store are answered too: their outcome is unknown, and the caller must know that.
        // A batch that just finished may be cleared while it is copied here, so its copy can hold empty slots.
        var failed = 0;
        var inFlight = _inFlight.Keys.SelectMany(batch => batch.ToArray()).Where(p => p is not null);
        foreach (var pending in waiting.Concat(inFlight))
        {
            var error = new StorageUnavailableException(
                $"The silo stopped before the write of state {pending.Write.Key} was known to be committed.");
            failed += pending.TrySetException(error) ? 1 : 0;
        }

        return failed;
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(DisposeTimeout))
        {
            await StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _abort.Dispose();
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        var writes = new List<StateWrite>(_maxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                writes.Add(pending.Write);
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch, writes).ConfigureAwait(false);
                batch.Clear();
                writes.Clear();
            }
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch, List<StateWrite> writes)
    {
        var started = Stopwatch.GetTimestamp();
        _inFlight[batch] = 0;
        using var activity = StorageActivities.StartBatch(_store.Name, batch.Count, batch.Select(p => p.Span));
        try
        {
            // After an abort nothing more reaches the store, even a batch already taken from the queue.
            _abort.Token.ThrowIfCancellationRequested();
            await _store.WriteBatchAsync(writes, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            var failure = error as StorageUnavailableException ?? new StorageUnavailableException(
                $"The {_store.Name} store failed to commit a batch of {batch.Count} writes: {error.Message}", error);
            StorageLog.BatchFailed(_logger, _store.Name, batch.Count, failure);
            StorageActivities.Failed(activity, failure);
            _metrics.BatchFailed(_store.Name);
            foreach (var pending in batch)
            {
                pending.Write.ResetOutcome();
                pending.TrySetException(failure);
            }

            return;
        }
        finally
        {
            _inFlight.TryRemove(batch, out _);
        }

        var conflicts = 0;
        foreach (var pending in batch)
        {
            conflicts += pending.Write.Outcome == StateWriteOutcome.Conflict ? 1 : 0;
            pending.TrySetResult();
        }

        _metrics.BatchCommitted(_store.Name, batch.Count, conflicts, Stopwatch.GetElapsedTime(started));
    }

    private sealed class PendingWrite(StateWrite write, ActivityContext span)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public StateWrite Write { get; } = write;

        /// <summary>The span of the grain's write, which the batch's span links to.</summary>
        public ActivityContext Span { get; } = span;
    }
}
