namespace Actors.Runtime.Storage;

/// <summary>The part of a persistent state the activation drives: its name, and the read at activation.</summary>
internal interface IPersistentStateLifecycle
{
    string StateName { get; }

    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>Re-reads the state only if its stored version is not the one held.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
