using System.Collections.Concurrent;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id: at most one per grain. Finds or creates the activation a call goes to, and is the
/// silo's <see cref="IGrainCallInvoker"/> for calls made inside it.
/// </summary>
internal sealed class Catalog(SiloRuntime runtime) : IGrainCallInvoker, IGrainIdInvoker
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private volatile bool _stopping;

    public int Count => _activations.Count;

    /// <summary>The activations, enumerated live (no snapshot of the whole catalog).</summary>
    public IEnumerable<ActivationData> Activations => _activations.Select(pair => pair.Value);

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(target);
        return InvokeAsync(target.GrainId, request);
    }

    public Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (runtime.IsFenced)
        {
            return Task.FromException<TResult>(new SiloUnavailableException(
                $"Silo {runtime.SiloAddress} is fenced: it cannot renew its membership lease and serves no grain calls.") { CallNotRun = true });
        }

        runtime.Metrics.CallReceived(request.Method);
        ActivationData activation;
        try
        {
            activation = GetOrCreate(grainId);
        }
        catch (Exception error)
        {
            return Task.FromException<TResult>(error);
        }

        return activation.InvokeAsync(request);
    }

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    public bool IsStopping => _stopping;

    /// <summary>Finds the grain's activation, or creates one and starts activating it.</summary>
    public ActivationData GetOrCreate(GrainId grainId)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var existing))
            {
                if (!existing.IsDefunct)
                {
                    return existing;
                }

                // Ended, with nothing to hand over: clear its slot rather than send the caller back to it.
                _activations.TryRemove(KeyValuePair.Create(grainId, existing));
                continue;
            }

            if (_stopping)
            {
                throw Unavailable(grainId);
            }

            var created = new ActivationData(grainId, GrainRegistry.GetClass(grainId.Type), runtime);
            var winner = _activations.GetOrAdd(grainId, created);
            if (!ReferenceEquals(winner, created))
            {
                continue;
            }

            if (_stopping)
            {
                // Stop began between the check and the insert: its sweep may have missed this one.
                _activations.TryRemove(KeyValuePair.Create(grainId, created));
                throw Unavailable(grainId);
            }

            _ = created.ActivateAsync();
            return created;
        }
    }

    /// <summary>Puts a successor (already holding the calls that waited) in place of an activation that ended.</summary>
    public void Replace(ActivationData ended, ActivationData successor)
    {
        if (_activations.TryUpdate(ended.GrainId, successor, ended) || _activations.TryAdd(ended.GrainId, successor))
        {
            _ = successor.ActivateAsync();
            return;
        }

        // Another activation took the slot meanwhile: the waiting calls go to it, in order.
        foreach (var item in successor.TakeQueued())
        {
            Reroute(ended.GrainId, item);
        }
    }

    /// <summary>Moves a turn to the grain's current activation.</summary>
    public void Reroute(GrainId grainId, IActivationWorkItem item)
    {
        try
        {
            if (!GetOrCreate(grainId).TryEnqueue(item))
            {
                item.Fail(Unavailable(grainId));
            }
        }
        catch (Exception error)
        {
            item.Fail(error);
        }
    }

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>Stops activating grains and deactivates every activation, waiting at most <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopping = true;
        using var bound = new CancellationTokenSource(timeout, runtime.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, cancellationToken);
        try
        {
            // Repeat: successors created for calls that waited during the first sweep are deactivated by the next one.
            while (!_activations.IsEmpty)
            {
                var all = _activations.Values.Select(a => a.DeactivateAsync(DeactivationReason.ShuttingDown)).ToArray();
                await Task.WhenAll(all).WaitAsync(linked.Token).ConfigureAwait(false);
                foreach (var (id, activation) in _activations)
                {
                    if (activation.Deactivated.IsCompleted)
                    {
                        _activations.TryRemove(KeyValuePair.Create(id, activation));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Diagnostics.Log.ShutdownTimedOut(runtime.Logger, _activations.Count, timeout);
        }
    }

    private SiloUnavailableException Unavailable(GrainId grainId) =>
        new($"Silo {runtime.SiloAddress} is shutting down and activates no more grains (grain {grainId}).");
}
