using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Grains.Persistence;

/// <summary>
/// The grain storage a grain without a named provider gets, resolved as Orleans resolves it for <c>[PersistentState]</c>
/// without a storage name: the unnamed <see cref="IGrainStorage"/>. State kept beside a grain's own (rows of its own,
/// retention sweeps, readiness probes) goes through this, so it always lands in the store the grain's state is in.
/// </summary>
public static class DefaultGrainStorage
{
    /// <summary>The default grain storage of <paramref name="services"/>.</summary>
    /// <exception cref="InvalidOperationException">The silo has no default grain storage.</exception>
    public static IGrainStorage Of(IServiceProvider services) => services.GetRequiredService<IGrainStorage>();
}
