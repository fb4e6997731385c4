using Actors.Runtime.Storage;

namespace Actors.Runtime.Activation;

/// <summary>
/// One activation of a grain in this silo: the grain instance, its persistent states, its queue of waiting turns and its life
/// cycle. Turns do not run on a dedicated thread: a call to an idle activation runs on the caller's thread, queued turns run on
/// the thread pool, and the activation only guarantees which turns may overlap (see <see cref="CanStart"/>).
/// </summary>
internal sealed partial class ActivationData : IGrainActivationContext
{
    [ThreadStatic]
    private static ActivationData? t_constructing;

    private readonly Lock _lock = new();
    private readonly Queue<IActivationWorkItem> _queue = new();
    private readonly List<IPersistentStateLifecycle> _states = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationStatus _status = ActivationStatus.Activating;
    private Grain? _grain;

    public ActivationData(GrainId grainId, Invocation.GrainClassInfo classInfo, SiloRuntime runtime)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        Runtime = runtime;
        CollectionAge = classInfo.CollectionAge ?? runtime.Options.CollectionAge;
        _lastUsed = runtime.TimeProvider.GetUtcNow();
        _statesCheckedAt = runtime.TimeProvider.GetTimestamp(); // the states are read after this, when the activation starts
    }

    /// <summary>The activation whose grain constructor is running on this thread, for <see cref="Grain"/>'s constructor.</summary>
    internal static ActivationData? Constructing => t_constructing;

    public GrainId GrainId { get; }

    public Invocation.GrainClassInfo ClassInfo { get; }

    public SiloRuntime Runtime { get; }

    public IServiceProvider Services => Runtime.Services;

    /// <summary>How long the activation may stay idle before it is collected.</summary>
    public TimeSpan CollectionAge { get; }

    /// <summary>Completes when the activation has left the catalog (deactivated, or failed to activate).</summary>
    public Task Deactivated => _deactivated.Task;

    internal ActivationStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>How many turns wait in the queue now.</summary>
    internal int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName) where TState : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (_states.Exists(s => s.StateName == stateName))
        {
            throw new InvalidOperationException($"Grain class {ClassInfo.ClassType.FullName} declares the persistent state '{stateName}' twice.");
        }

        var state = new PersistentState<TState>(this, stateName);
        _states.Add(state);
        return state;
    }

    public override string ToString() => $"[Activation {GrainId} {_status}]";

    private Grain Construct()
    {
        t_constructing = this;
        try
        {
            return ClassInfo.Factory(this);
        }
        finally
        {
            t_constructing = null;
        }
    }
}
