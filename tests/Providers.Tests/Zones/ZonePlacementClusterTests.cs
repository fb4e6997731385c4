using Actors.Providers.Zones;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Actors.Providers.Tests.Zones;

/// <summary>Zone placement inside a real (in-process) Orleans cluster of four silos in zones a, b, a, b.</summary>
public sealed class ZonePlacementClusterTests
{
    private const int Grains = 400;

    [Fact]
    public async Task Grains_spread_over_both_zones_and_all_answer_from_the_other_zone_once_a_zone_is_gone()
    {
        var started = 0;
        var builder = new InProcessTestClusterBuilder(4);
        builder.ConfigureSilo((_, silo) => silo.UseZonePlacement(Interlocked.Increment(ref started) % 2 == 1 ? "a" : "b"));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await Wait.UntilAsync(() => cluster.Silos.All(KnowsEveryZone(cluster)), "every silo to know every silo's zone", TimeSpan.FromSeconds(30));

        var zones = await ZonesAsync(cluster.Client);
        Assert.InRange(zones.Count(z => z == "a"), Grains * 0.35, Grains * 0.65);
        var view = cluster.Silos[0].ServiceProvider.GetRequiredService<ISiloZones>();
        var silos = cluster.Silos.Select(s => s.SiloAddress).ToList();
        Assert.Equal(
            Enumerable.Range(0, Grains).Select(i => view.ZoneOf(ZoneRendezvous.Choose(GrainOf(cluster.Client, i), silos, view))),
            zones);

        foreach (var silo in cluster.Silos.Where(s => Zone(s) == "a").ToList())
        {
            await cluster.StopSiloAsync(silo);
        }

        Assert.All(await ZonesAsync(cluster.Client), z => Assert.Equal("b", z));
    }

    private static Func<InProcessSiloHandle, bool> KnowsEveryZone(InProcessTestCluster cluster) => silo =>
    {
        var zones = silo.ServiceProvider.GetRequiredService<ISiloZones>();
        return cluster.Silos.All(other => zones.ZoneOf(other.SiloAddress) is not null);
    };

    private static string? Zone(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<ISiloZones>().ZoneOf(silo.SiloAddress);

    private static GrainId GrainOf(IClusterClient client, int i) => client.GetGrain<IZoneReportingGrain>($"g{i}").GetGrainId();

    private static Task<string[]> ZonesAsync(IClusterClient client) =>
        Task.WhenAll(Enumerable.Range(0, Grains).Select(i => client.GetGrain<IZoneReportingGrain>($"g{i}").Zone()));
}
