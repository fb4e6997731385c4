using Actors.Runtime.Invocation;

namespace Actors.Runtime;

/// <summary>A grain factory over one invoker: the silo's own, or a cluster client's.</summary>
public sealed class GrainFactory(IGrainCallInvoker invoker) : IGrainFactory
{
    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        var info = GrainRegistry.GetInterface(typeof(TGrainInterface));
        var id = GrainId.Create(info.GrainType, key);
        return (TGrainInterface)(object)info.ProxyFactory(id, invoker);
    }
}
