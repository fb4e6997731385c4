namespace Actors.Runtime.Storage;

/// <summary>The part of a persistent state the activation drives: its name, the read at activation, and the checks against storage.</summary>
internal interface IPersistentStateLifecycle
{
    string StateName { get; }

    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Re-reads the state only if its stored version is not the one held; true when it was not (another activation wrote).</summary>
    Task<bool> RefreshAsync(CancellationToken cancellationToken);
}
