namespace Actors.Runtime.Invocation;

/// <summary>Runs a request against a grain named by id: the catalog (this silo's activations) or the router (the owner).</summary>
internal interface IGrainIdInvoker
{
    Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainRequest<TResult> request);
}
