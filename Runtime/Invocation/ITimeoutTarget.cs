namespace Actors.Runtime.Invocation;

/// <summary>A call waiting for its answer that the timeout tracker may end.</summary>
internal interface ITimeoutTarget
{
    /// <summary>Ends the call with a timeout error, unless it has completed.</summary>
    void OnTimeout(TimeSpan timeout);
}
