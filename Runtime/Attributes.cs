namespace Actors.Runtime;

/// <summary>
/// Marks a grain interface method as read-only: it may run at the same time as other read-only calls to the same activation,
/// never alongside a call that is not read-only. Such methods must not change grain state.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ReadOnlyAttribute : Attribute
{
}

/// <summary>
/// Marks a grain interface method as always-interleave: it starts at once, whatever else the activation is running.
/// Such methods may run in parallel with any other call, so they may only touch thread-safe or immutable data.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute
{
}

/// <summary>Overrides the response timeout for one grain interface method.</summary>
/// <param name="timeout">A <see cref="TimeSpan"/> in the invariant "c" format, for example <c>"00:00:05"</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout as written.</summary>
    public string Timeout { get; } = timeout;
}

/// <summary>
/// Names the grain type of a grain interface. Without it the name comes from the interface name: <c>IRewardPoolGrain</c>
/// becomes <c>reward-pool</c>. The name is part of every grain id and of stored state, so it must never change once data exists.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// On a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime supplies a state object bound to
/// the stored record of that name, read before <see cref="Grain.OnActivateAsync"/> runs.
/// </summary>
/// <param name="stateName">The state's name within the grain; part of the storage key, so it must never change.</param>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; } = stateName;
}

/// <summary>Overrides how long an activation of this grain class may stay idle before it is collected.</summary>
/// <param name="minutes">The idle age in minutes.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    /// <summary>The idle age in minutes.</summary>
    public double Minutes { get; } = minutes;
}
