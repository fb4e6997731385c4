namespace Actors.Runtime.Invocation;

/// <summary>What the generator knows of a grain interface: its grain type name, its proxy factory and its methods.</summary>
public sealed class GrainInterfaceInfo
{
    private readonly Dictionary<uint, GrainMethod> _methodsById;

    /// <summary>Creates the record. Called by generated code.</summary>
    public GrainInterfaceInfo(
        Type interfaceType,
        string grainType,
        Func<GrainId, IGrainCallInvoker, GrainReference> proxyFactory,
        IReadOnlyList<GrainMethod> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        GrainId.ValidateType(grainType);
        InterfaceType = interfaceType;
        GrainType = grainType;
        ProxyFactory = proxyFactory;
        Methods = methods;
        _methodsById = methods.ToDictionary(m => m.MethodId);
    }

    /// <summary>The grain interface.</summary>
    public Type InterfaceType { get; }

    /// <summary>The grain type name used in grain ids.</summary>
    public string GrainType { get; }

    /// <summary>Creates a proxy for a grain id.</summary>
    public Func<GrainId, IGrainCallInvoker, GrainReference> ProxyFactory { get; }

    /// <summary>Every method callable through the interface, inherited ones included.</summary>
    public IReadOnlyList<GrainMethod> Methods { get; }

    /// <summary>Finds a method by id; throws <see cref="UnknownGrainMethodException"/> naming the interface and id.</summary>
    public GrainMethod GetMethod(uint methodId) =>
        _methodsById.TryGetValue(methodId, out var method)
            ? method
            : throw new UnknownGrainMethodException($"Grain interface {InterfaceType.FullName} (grain type '{GrainType}') has no method with id 0x{methodId:X8}.");
}
