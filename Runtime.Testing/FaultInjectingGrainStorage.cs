using Actors.Runtime.Storage;

namespace Actors.Runtime.Testing;

/// <summary>
/// Wraps a storage provider to fail, delay or hold its operations on demand, and counts what passes through, for tests of
/// the runtime under storage faults.
/// </summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private int _failWrites;
    private int _failReads;
    private int _reads;
    private int _batches;
    private int _writes;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <summary>The wrapped provider.</summary>
    public IGrainStorage Inner => inner;

    /// <summary>Runs before each batch reaches the inner provider; a test may await a gate here to hold commits.</summary>
    public Func<IReadOnlyList<StateWrite>, Task>? BeforeWrite { get; set; }

    /// <summary>Runs after each batch has committed in the inner provider, before any writer is answered.</summary>
    public Action<IReadOnlyList<StateWrite>>? AfterCommit { get; set; }

    /// <summary>Reads that reached the inner provider.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Batches that reached the inner provider and committed.</summary>
    public int CommittedBatches => Volatile.Read(ref _batches);

    /// <summary>Writes in those batches.</summary>
    public int CommittedWrites => Volatile.Read(ref _writes);

    /// <summary>Makes the next <paramref name="count"/> batches fail with a <see cref="StorageException"/> before reaching storage.</summary>
    public void FailNextWrites(int count) => Volatile.Write(ref _failWrites, count);

    /// <summary>
    /// Fails, once, the <paramref name="nth"/> batch from now that holds a write of the grain keyed <paramref name="grainKey"/>,
    /// with a <see cref="StorageException"/> saying <paramref name="because"/>. Replaces <see cref="BeforeWrite"/>.
    /// </summary>
    public void FailWriteOf(string grainKey, int nth, string because)
    {
        var seen = 0;
        BeforeWrite = writes => writes.Any(w => w.GrainId.Key == grainKey) && Interlocked.Increment(ref seen) == nth
            ? throw new StorageException($"injected: {because}")
            : Task.CompletedTask;
    }

    /// <summary>Makes the next <paramref name="count"/> reads fail with a <see cref="StorageException"/>.</summary>
    public void FailNextReads(int count) => Volatile.Write(ref _failReads, count);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        if (TryConsume(ref _failReads))
        {
            throw new StorageException($"Injected read fault for {grainId}/{stateName}.");
        }

        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(grainId, stateName, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (BeforeWrite is { } before)
        {
            await before(writes).ConfigureAwait(false);
        }

        if (TryConsume(ref _failWrites))
        {
            throw new StorageException($"Injected write fault for a batch of {writes.Count}.");
        }

        await inner.WriteBatchAsync(writes, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, writes.Count);
        AfterCommit?.Invoke(writes);
    }

    private static bool TryConsume(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
