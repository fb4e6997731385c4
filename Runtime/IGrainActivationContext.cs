namespace Actors.Runtime;

/// <summary>What a grain's generated constructor call may ask of the activation being created.</summary>
public interface IGrainActivationContext
{
    /// <summary>The grain being activated.</summary>
    GrainId GrainId { get; }

    /// <summary>The silo's services, for constructor parameters.</summary>
    IServiceProvider Services { get; }

    /// <summary>A persistent state bound to the stored record named <paramref name="stateName"/>; read before activation completes.</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName) where TState : new();
}
