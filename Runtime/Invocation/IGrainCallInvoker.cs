namespace Actors.Runtime.Invocation;

/// <summary>Sends requests to grains. Generated proxies call it; the silo and the cluster client implement it.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Calls the grain and returns the method's result, or throws its exception (or a timeout).</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request);
}
