using Actors.Providers.Zones;
using Orleans.Runtime.Placement;

namespace Actors.Providers.Tests.Zones;

public sealed class ZoneSpreadPlacementDirectorTests
{
    private const int Grains = 12_000;
    private static readonly ZoneSpreadPlacement Strategy = new();

    [Fact]
    public async Task Grains_spread_evenly_over_zones_whatever_their_silo_counts()
    {
        var cluster = new FakeZones();
        cluster.Add("a", 1);
        cluster.Add("b", 2);
        var c = cluster.Add("c", 4);

        var placed = await PlaceAllAsync(cluster, cluster.Silos);

        foreach (var zone in new[] { "a", "b", "c" })
        {
            var share = placed.Values.Count(s => cluster.ZoneOf(s) == zone) / (double)Grains;
            Assert.InRange(share, 1 / 3.0 - 0.03, 1 / 3.0 + 0.03);
        }

        var inC = placed.Values.Where(s => cluster.ZoneOf(s) == "c").ToList();
        foreach (var silo in c)
        {
            Assert.InRange(inC.Count(s => s.Equals(silo)) / (double)inC.Count, 0.25 - 0.04, 0.25 + 0.04);
        }
    }

    [Fact]
    public async Task The_same_view_in_any_order_and_on_any_silo_places_a_grain_on_the_same_silo()
    {
        var cluster = new FakeZones();
        cluster.Add("a", 3);
        cluster.Add("b", 3);
        var shuffled = cluster.Silos.Reverse().ToList();
        (shuffled[1], shuffled[4]) = (shuffled[4], shuffled[1]);

        var first = await PlaceAllAsync(cluster, cluster.Silos);
        var second = await PlaceAllAsync(cluster, shuffled, new ZoneSpreadPlacementDirector(cluster));

        Assert.Equal(first, second);
        Assert.Equal(6, first.Values.Distinct().Count());
    }

    [Fact]
    public async Task Losing_every_silo_of_a_zone_moves_only_its_grains_and_spreads_them_over_the_other_zones()
    {
        var cluster = new FakeZones();
        var a = cluster.Add("a", 2);
        cluster.Add("b", 2);
        cluster.Add("c", 2);
        var before = await PlaceAllAsync(cluster, cluster.Silos);

        cluster.Remove(a);
        var after = await PlaceAllAsync(cluster, cluster.Silos);

        var moved = before.Where(p => a.Contains(p.Value)).Select(p => p.Key).ToList();
        Assert.All(before.Where(p => !a.Contains(p.Value)), p => Assert.Equal(p.Value, after[p.Key]));
        Assert.DoesNotContain(after.Values, s => a.Contains(s));
        var toB = moved.Count(g => cluster.ZoneOf(after[g]) == "b") / (double)moved.Count;
        Assert.InRange(toB, 0.5 - 0.05, 0.5 + 0.05);
    }

    [Fact]
    public async Task Losing_one_silo_keeps_its_grains_in_its_zone()
    {
        var cluster = new FakeZones();
        var a = cluster.Add("a", 2);
        cluster.Add("b", 2);
        var before = await PlaceAllAsync(cluster, cluster.Silos);

        cluster.Remove([a[0]]);
        var after = await PlaceAllAsync(cluster, cluster.Silos);

        var moved = before.Where(p => p.Value.Equals(a[0])).Select(p => p.Key).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, g => Assert.Equal(a[1], after[g]));
        Assert.All(before.Where(p => !p.Value.Equals(a[0])), p => Assert.Equal(p.Value, after[p.Key]));
    }

    [Fact]
    public async Task A_silo_whose_zone_is_not_known_yet_gets_no_grains_while_other_zones_are_known()
    {
        var cluster = new FakeZones();
        cluster.Add("a", 1);
        cluster.Add("b", 1);
        var unknown = cluster.Add(null, 1);

        var placed = await PlaceAllAsync(cluster, cluster.Silos);

        Assert.DoesNotContain(unknown[0], placed.Values);
        Assert.Equal(2, placed.Values.Distinct().Count());
    }

    [Fact]
    public async Task Without_any_known_zone_grains_spread_over_every_silo()
    {
        var cluster = new FakeZones();
        var silos = cluster.Add(null, 4);

        var placed = await PlaceAllAsync(cluster, cluster.Silos);

        foreach (var silo in silos)
        {
            Assert.InRange(placed.Values.Count(s => s.Equals(silo)) / (double)Grains, 0.25 - 0.03, 0.25 + 0.03);
        }
    }

    [Fact]
    public async Task A_placement_hint_naming_a_compatible_silo_wins()
    {
        var cluster = new FakeZones();
        cluster.Add("a", 2);
        var b = cluster.Add("b", 2);
        var director = new ZoneSpreadPlacementDirector(cluster);
        var context = new FakePlacementContext(() => cluster.Silos);
        var hint = new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = b[1] };

        var chosen = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            director.OnAddActivation(Strategy, new PlacementTarget(GrainId.Create("counter", $"h{i}"), hint, default, 0), context)));

        Assert.All(chosen, s => Assert.Equal(b[1], s));
    }

    [Fact]
    public async Task No_compatible_silo_is_refused_as_unavailable()
    {
        var director = new ZoneSpreadPlacementDirector(new FakeZones());
        var context = new FakePlacementContext(() => []);

        await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            director.OnAddActivation(Strategy, new PlacementTarget(GrainId.Create("counter", "x"), null!, default, 0), context));
    }

    private static async Task<Dictionary<GrainId, SiloAddress>> PlaceAllAsync(
        FakeZones zones, IReadOnlyList<SiloAddress> silos, ZoneSpreadPlacementDirector? director = null)
    {
        director ??= new ZoneSpreadPlacementDirector(zones);
        var context = new FakePlacementContext(() => silos);
        var placed = new Dictionary<GrainId, SiloAddress>();
        for (var i = 0; i < Grains; i++)
        {
            var grain = GrainId.Create(i % 2 == 0 ? "counter" : "wallet", $"key-{i}");
            placed[grain] = await director.OnAddActivation(Strategy, new PlacementTarget(grain, [], default, 0), context);
        }

        return placed;
    }
}
