using Actors.Grains.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests;

/// <summary>A test silo hosting the production grains.</summary>
internal static class GrainSilo
{
    public static Task<TestSilo> StartAsync(
        IGrainStorage? storage = null, TimeProvider? timeProvider = null, Action<IServiceCollection>? configureServices = null)
    {
        GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);
        return TestSilo.StartAsync(storage, timeProvider, configureServices: configureServices);
    }
}
