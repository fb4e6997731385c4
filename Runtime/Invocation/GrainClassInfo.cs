namespace Actors.Runtime.Invocation;

/// <summary>What the generator knows of a grain class: the grain interfaces it implements and how to construct it.</summary>
public sealed class GrainClassInfo
{
    /// <summary>Creates the record. Called by generated code.</summary>
    public GrainClassInfo(Type classType, IReadOnlyList<Type> interfaces, Func<IGrainActivationContext, Grain> factory)
    {
        ClassType = classType;
        Interfaces = interfaces;
        Factory = factory;
        var ageLimit = classType.GetCustomAttributes(typeof(CollectionAgeLimitAttribute), inherit: false);
        CollectionAge = ageLimit.Length > 0 ? TimeSpan.FromMinutes(((CollectionAgeLimitAttribute)ageLimit[0]).Minutes) : null;
    }

    /// <summary>The grain class.</summary>
    public Type ClassType { get; }

    /// <summary>The grain interfaces the class implements, inherited ones included.</summary>
    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>Constructs an instance inside an activation, resolving constructor parameters from the context.</summary>
    public Func<IGrainActivationContext, Grain> Factory { get; }

    /// <summary>The class's own idle age from <see cref="CollectionAgeLimitAttribute"/>, or null for the silo default.</summary>
    public TimeSpan? CollectionAge { get; }
}
