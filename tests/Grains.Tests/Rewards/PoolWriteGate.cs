using Actors.Grains.Rewards;
using Orleans.Storage;

namespace Actors.Grains.Tests.Rewards;

/// <summary>
/// Grain storage that holds, once armed, the first write of one pool that records a newly applied operation (its set of
/// unconfirmed operations grows), until released; everything else passes straight to the inner storage.
/// </summary>
internal sealed class PoolWriteGate(string poolId, IGrainStorage inner) : IGrainStorage
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _unconfirmed;

    /// <summary>Completes when a write is held.</summary>
    public Task Held => _held.Task;

    /// <summary>Holds the next write of an applied operation.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Lets the held write go on to storage.</summary>
    public void Release() => _released.TrySetResult();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (grainId.Key.ToString() == poolId && grainState.State is RewardPoolGrainState pool)
        {
            // The pool is one activation at a time, so its writes come one after another.
            var unconfirmed = pool.Hot.Values.Sum(h => h.Unconfirmed.Count);
            var applied = unconfirmed > _unconfirmed;
            _unconfirmed = unconfirmed;
            if (applied && Interlocked.CompareExchange(ref _armed, 2, 1) == 1)
            {
                _held.TrySetResult();
                await _released.Task;
            }
        }

        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
