using Actors.Runtime.Placement;

namespace Actors.Runtime.Invocation;

/// <summary>
/// The silo's grain call invoker: a call goes to the catalog when this silo owns the grain, and to the owner otherwise.
/// A call that was certainly not run (the owner could not be reached, or refused it as not its own) is retried against the
/// owner in a fresher view until the call's timeout; a call that may have run is never retried here.
/// </summary>
internal sealed class SiloCallRouter(SiloRuntime runtime) : IGrainCallInvoker, IGrainIdInvoker
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(target);
        return InvokeAsync(target.GrainId, request);
    }

    public Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainRequest<TResult> request)
    {
        if (runtime.IsFenced)
        {
            // A silo that cannot renew its lease cannot trust its view either: it routes nothing.
            return Task.FromException<TResult>(new SiloUnavailableException(
                $"Silo {runtime.SiloAddress} is fenced: it cannot renew its membership lease and routes no grain calls.") { CallNotRun = true });
        }

        var owner = OwnerOf(grainId);
        return owner == runtime.SiloAddress
            ? runtime.Catalog.InvokeAsync(grainId, request)
            : InvokeRemoteAsync(owner, grainId, request);
    }

    /// <summary>The owner in this silo's current view; this silo itself while the view has no Active member.</summary>
    public SiloAddress OwnerOf(GrainId grainId) =>
        RendezvousPlacement.Owner(grainId, runtime.Membership.View.Active) ?? runtime.SiloAddress;

    private async Task<TResult> InvokeRemoteAsync<TResult>(SiloAddress owner, GrainId grainId, GrainRequest<TResult> request)
    {
        var giveUp = runtime.TimeProvider.GetUtcNow() + (request.Method.ResponseTimeout ?? runtime.Options.ResponseTimeout);
        while (true)
        {
            try
            {
                return owner == runtime.SiloAddress
                    ? await runtime.Catalog.InvokeAsync(grainId, request).ConfigureAwait(false)
                    : await runtime.Messages.InvokeRemoteAsync(owner, grainId, request).ConfigureAwait(false);
            }
            catch (SiloUnavailableException error) when (error.CallNotRun && !runtime.IsFenced && runtime.TimeProvider.GetUtcNow() + RetryPause < giveUp)
            {
                await Task.Delay(RetryPause, runtime.TimeProvider).ConfigureAwait(false);
                owner = OwnerOf(grainId);
            }
        }
    }
}
