namespace Actors.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle for longer than its collection age.</summary>
    IdleCollection,

    /// <summary>Grain code asked for it.</summary>
    ApplicationRequested,

    /// <summary>A state write lost its compare-and-swap; a newer writer exists.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Another silo now owns the grain.</summary>
    OwnershipChanged,
}
