using Actors.Runtime.Invocation;

namespace Actors.Runtime;

/// <summary>Base class of generated grain proxies: a grain id and the invoker that carries calls to it.</summary>
public abstract class GrainReference : IEquatable<GrainReference>
{
    /// <summary>Creates a reference. Called by generated proxies.</summary>
    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        Invoker = invoker;
    }

    /// <summary>The grain this reference addresses.</summary>
    public GrainId GrainId { get; }

    /// <summary>The invoker that carries calls.</summary>
    protected IGrainCallInvoker Invoker { get; }

    /// <inheritdoc />
    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}
