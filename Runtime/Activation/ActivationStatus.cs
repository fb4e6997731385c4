namespace Actors.Runtime.Activation;

/// <summary>The life of an activation: calls run only while it is <see cref="Valid"/>.</summary>
internal enum ActivationStatus
{
    /// <summary>Constructing the grain, reading its state, running OnActivateAsync. Calls wait in the queue.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Waiting for running turns to end, then running OnDeactivateAsync. New calls wait and move to the next activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog. Calls that still find it go to the catalog again.</summary>
    Invalid,
}
