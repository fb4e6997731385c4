namespace Actors.Runtime.Invocation;

/// <summary>Describes one grain interface method. Generated code creates one per method; the runtime reads it on every call.</summary>
public sealed class GrainMethod
{
    private readonly Func<GrainRequest> _requestFactory;

    /// <summary>Creates a descriptor. Called by generated code.</summary>
    public GrainMethod(Type interfaceType, string name, uint methodId, GrainMethodFlags flags, long responseTimeoutTicks, Func<GrainRequest> requestFactory)
    {
        _requestFactory = requestFactory;
        InterfaceType = interfaceType;
        Name = name;
        MethodId = methodId;
        Flags = flags;
        ResponseTimeout = responseTimeoutTicks > 0 ? TimeSpan.FromTicks(responseTimeoutTicks) : null;
        DisplayName = $"{interfaceType.Name}.{name}";
    }

    /// <summary>The interface that declares the method.</summary>
    public Type InterfaceType { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>A stable id: a hash of the declaring interface's full name and the method's signature.</summary>
    public uint MethodId { get; }

    /// <summary>How the method schedules against other calls.</summary>
    public GrainMethodFlags Flags { get; }

    /// <summary>The method's own response timeout, or null to use the silo's default.</summary>
    public TimeSpan? ResponseTimeout { get; }

    /// <summary><c>Interface.Method</c>, for errors, logs and metrics.</summary>
    public string DisplayName { get; }

    /// <summary>True when the method may run alongside other read-only calls.</summary>
    public bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;

    /// <summary>True when the method starts at once whatever else runs.</summary>
    public bool IsAlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    /// <summary>A request for this method with default arguments, to be filled by <see cref="GrainRequest.ReadArguments"/>.</summary>
    public GrainRequest CreateRequest() => _requestFactory();

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}

/// <summary>Scheduling flags of a grain method.</summary>
[Flags]
public enum GrainMethodFlags
{
    /// <summary>One call at a time.</summary>
    None = 0,

    /// <summary>Interleaves with other read-only calls.</summary>
    ReadOnly = 1,

    /// <summary>Interleaves with everything.</summary>
    AlwaysInterleave = 2,
}
