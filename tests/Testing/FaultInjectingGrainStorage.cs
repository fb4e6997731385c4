using Actors.Providers.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Testing;

/// <summary>
/// Wraps a grain storage to fail or hold its operations on demand, and counts what passes through, for tests of grains and
/// silos under storage faults. Injected faults are <see cref="StorageUnavailableException"/>s whose message starts with
/// "injected", thrown before the operation reaches the inner storage, so nothing of it takes effect.
/// </summary>
/// <remarks>
/// Register one instance in every silo of an in-process cluster, before the providers' storage registration, to share it:
/// <c>services.AddSingleton&lt;IGrainStorage&gt;(faulty)</c>. A clear counts as a write.
/// </remarks>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage, IGrainStateRetention
{
    private readonly Lock _gateLock = new();
    private TaskCompletionSource? _gate;
    private int _failWrites;
    private int _failReads;
    private int _reads;
    private int _writes;
    private int _held;

    /// <summary>The wrapped storage.</summary>
    public IGrainStorage Inner => inner;

    /// <summary>Deletes in the inner storage; it must keep records with retention.</summary>
    public Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        (inner as IGrainStateRetention ?? throw new NotSupportedException($"{inner.GetType().Name} keeps no retention."))
            .DeleteUnchangedSinceAsync(grainType, cutoff, cancellationToken);

    /// <summary>
    /// Runs before each write or clear reaches the inner storage, with the grain and state name; a test may await a gate here to
    /// hold it, or throw to fail it.
    /// </summary>
    public Func<GrainId, string, Task>? BeforeWrite { get; set; }

    /// <summary>Runs before each read reaches the inner storage, with the grain and state name.</summary>
    public Action<GrainId, string>? BeforeRead { get; set; }

    /// <summary>Runs after each write or clear has committed in the inner storage, before its caller is answered.</summary>
    public Action<GrainId, string>? AfterCommit { get; set; }

    /// <summary>Reads that reached the inner storage.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Writes and clears that committed in the inner storage.</summary>
    public int CommittedWrites => Volatile.Read(ref _writes);

    /// <summary>Writes and clears waiting at the gate of <see cref="HoldWrites"/>.</summary>
    public int HeldWrites => Volatile.Read(ref _held);

    /// <summary>Makes the next <paramref name="count"/> writes or clears fail.</summary>
    public void FailNextWrites(int count) => Volatile.Write(ref _failWrites, count);

    /// <summary>Makes the next <paramref name="count"/> reads fail.</summary>
    public void FailNextReads(int count) => Volatile.Write(ref _failReads, count);

    /// <summary>
    /// Fails, once, the <paramref name="nth"/> write or clear from now of the grain keyed <paramref name="grainKey"/>, saying
    /// <paramref name="because"/>. Replaces <see cref="BeforeWrite"/>. The task returned completes when the failure happened.
    /// </summary>
    public Task FailWriteOf(string grainKey, int nth, string because)
    {
        var seen = 0;
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        BeforeWrite = (grainId, _) =>
        {
            if (grainId.Key.ToString() == grainKey && Interlocked.Increment(ref seen) == nth)
            {
                failed.TrySetResult();
                throw new StorageUnavailableException($"injected: {because}");
            }

            return Task.CompletedTask;
        };
        return failed.Task;
    }

    /// <summary>Holds every write and clear from now on before it reaches the inner storage, until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites()
    {
        lock (_gateLock)
        {
            _gate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the held writes and clears go on, and stops holding new ones.</summary>
    public void ReleaseWrites()
    {
        TaskCompletionSource? gate;
        lock (_gateLock)
        {
            (gate, _gate) = (_gate, null);
        }

        gate?.TrySetResult();
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        if (TryConsume(ref _failReads))
        {
            throw new StorageUnavailableException($"injected: read of state '{stateName}' of grain {grainId} failed.");
        }

        Interlocked.Increment(ref _reads);
        BeforeRead?.Invoke(grainId, stateName);
        return inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        PassAsync(stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken));

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        PassAsync(stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken));

    private async Task PassAsync(string stateName, GrainId grainId, Func<Task> operation)
    {
        await WaitAtGateAsync().ConfigureAwait(false);
        if (BeforeWrite is { } before)
        {
            await before(grainId, stateName).ConfigureAwait(false);
        }

        if (TryConsume(ref _failWrites))
        {
            throw new StorageUnavailableException($"injected: write of state '{stateName}' of grain {grainId} failed.");
        }

        await operation().ConfigureAwait(false);
        Interlocked.Increment(ref _writes);
        AfterCommit?.Invoke(grainId, stateName);
    }

    private async Task WaitAtGateAsync()
    {
        Task? gate;
        lock (_gateLock)
        {
            gate = _gate?.Task;
        }

        if (gate is null)
        {
            return;
        }

        Interlocked.Increment(ref _held);
        try
        {
            await gate.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
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
