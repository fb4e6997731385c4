using Orleans.Runtime;

namespace Actors.Silo.Gateway;

/// <summary>
/// Resolves the cluster's generated operator key (<see cref="OperatorKey.ResolveFromClusterAsync"/>) as the silo becomes
/// active, when grains answer; until then an operator route refuses every key. With a configured key, or a key of the data
/// folder, there is nothing to resolve.
/// </summary>
internal sealed class OperatorKeyLifecycle(OperatorKey key, IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(OperatorKeyLifecycle), ServiceLifecycleStage.Active, _ => key.ResolveFromClusterAsync(grains));
    }
}
