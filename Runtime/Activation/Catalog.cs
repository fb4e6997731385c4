using System.Collections.Concurrent;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id: at most one per grain. Finds or creates the activation a call goes to, and is the
/// silo's <see cref="IGrainCallInvoker"/> for calls made inside it.
/// </summary>
internal sealed class Catalog(SiloRuntime runtime) : IGrainCallInvoker
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

    /// <summary>Finds the grain's activation, or creates one and starts activating it.</summary>
    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        if (_stopping)
        {
            throw new SiloUnavailableException($"Silo {runtime.SiloAddress} is shutting down and activates no more grains (grain {grainId}).");
        }

        var classInfo = GrainRegistry.GetClass(grainId.Type);
        var created = new ActivationData(grainId, classInfo, runtime);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            _ = created.ActivateAsync();
        }

        return winner;
    }

    /// <summary>Moves a turn that waited on an activation that ended to the grain's next activation.</summary>
    public void Reroute(GrainId grainId, IActivationWorkItem item)
    {
        try
        {
            while (!GetOrCreate(grainId).TryEnqueue(item))
            {
                // The activation we found ended meanwhile; the next lookup creates a fresh one.
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
        var all = _activations.Values.Select(a => a.DeactivateAsync(DeactivationReason.ShuttingDown)).ToArray();
        try
        {
            await Task.WhenAll(all).WaitAsync(timeout, runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Diagnostics.Log.ShutdownTimedOut(runtime.Logger, all.Count(t => !t.IsCompleted), timeout);
        }
    }
}
