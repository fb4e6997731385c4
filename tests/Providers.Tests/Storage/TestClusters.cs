using Actors.Providers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Actors.Providers.Tests.Storage;

/// <summary>In-process Orleans clusters whose silos use the providers' grain storage.</summary>
internal static class TestClusters
{
    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos configured by the given <c>Storage</c> settings; when
    /// <paramref name="storage"/> is given, every silo uses that one instance, registered before the providers' storage.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(
        IReadOnlyDictionary<string, string?> settings, IGrainStorage? storage = null, int silos = 1)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            if (storage is not null)
            {
                silo.Services.AddSingleton(storage);
            }

            silo.AddActorsGrainStorage(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
