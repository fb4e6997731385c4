using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Actors.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Storage;

/// <summary>
/// Batches state writes from many grains into one storage transaction. A writer is answered only after the transaction holding
/// its write has committed (or failed); while one batch commits, the next one fills.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private readonly IGrainStorage _storage;
    private readonly StorageOptions _options;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<List<PendingWrite>, byte> _inFlight = new();

    public GroupCommitter(IGrainStorage storage, StorageOptions options, int concurrentBatches, RuntimeMetrics metrics, ILogger logger)
    {
        _storage = storage;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.MaxPendingWrites)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = concurrentBatches == 1,
        });
        _loops = [.. Enumerable.Range(0, concurrentBatches).Select(_ => Task.Run(CommitLoopAsync))];
    }

    /// <summary>Queues the write and completes once its transaction has committed; the outcome is on the write.</summary>
    /// <exception cref="StorageException">The transaction failed; the write did not take effect.</exception>
    public async Task CommitAsync(StateWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            try
            {
                // Full: wait for room rather than grow without bound (back-pressure on the writing grains).
                await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                throw new StorageException($"State write for grain {write.GrainId} refused: the silo's storage writer has stopped.");
            }
        }

        await pending.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Takes no more writes and commits those already queued, waiting at most <paramref name="timeout"/>; then cancels the
    /// batch in flight and fails every write still waiting with <see cref="StorageException"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.CommitterStopTimedOut(_logger, timeout, await AbortAsync().ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Stops at once, as a crash would: takes no more writes, cancels the batch in flight and fails every write not yet
    /// answered with <see cref="StorageException"/> (their outcome is unknown to the writers). Returns how many were failed.
    /// </summary>
    public async Task<int> AbortAsync()
    {
        _queue.Writer.TryComplete();
        await _abort.CancelAsync().ConfigureAwait(false);
        var failed = 0;
        var waiting = new List<PendingWrite>();
        while (_queue.Reader.TryRead(out var pending))
        {
            waiting.Add(pending);
        }

        // Writes whose batch is stuck in storage are answered too: their outcome is unknown, and the caller must know that.
        foreach (var pending in waiting.Concat(_inFlight.Keys.SelectMany(batch => batch.ToArray()).Where(p => p is not null)))
        {
            failed += pending.TrySetException(new StorageException($"The silo stopped before the write for grain {pending.Write.GrainId} was known to be committed.")) ? 1 : 0;
        }

        return failed;
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(30)));

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        var writes = new List<StateWrite>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
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
        try
        {
            // After an abort nothing more reaches storage, even a batch that was already taken from the queue.
            _abort.Token.ThrowIfCancellationRequested();
            await _storage.WriteBatchAsync(writes, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            var failure = error as StorageException ?? new StorageException($"Storage '{_storage.Name}' failed to commit a batch: {error.Message}", error);
            Log.BatchFailed(_logger, _storage.Name, batch.Count, failure);
            _metrics.BatchFailed(_storage.Name);
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

        _metrics.BatchCommitted(_storage.Name, batch.Count, conflicts, Stopwatch.GetElapsedTime(started));
    }

    private sealed class PendingWrite(StateWrite write) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public StateWrite Write { get; } = write;
    }
}
