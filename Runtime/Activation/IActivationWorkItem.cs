using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>Something an activation runs as a turn: a call, or a timer tick.</summary>
internal interface IActivationWorkItem
{
    /// <summary>How the item schedules against other turns.</summary>
    GrainMethodFlags Flags { get; }

    /// <summary>True when nobody waits for the item any more (a timed-out call, a disposed timer); it is dropped unrun.</summary>
    bool IsCancelled { get; }

    /// <summary>True when the item may move to the grain's next activation if this one ends before running it.</summary>
    bool CanReroute { get; }

    /// <summary>Runs the item. It must call <see cref="ActivationData.OnTurnCompleted"/> exactly once when it is done.</summary>
    void Start(ActivationData activation, Grain grain);

    /// <summary>Ends the item unrun with an error (for example when the activation failed to activate).</summary>
    void Fail(Exception error);
}
