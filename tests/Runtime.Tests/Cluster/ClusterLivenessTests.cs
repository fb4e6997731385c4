using Actors.Runtime.Placement;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>An in-process cluster losing silos and zones: every grain answers again from a live silo with its last committed state.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterLivenessTests
{
    [Fact]
    public async Task Grains_spread_over_the_silos_and_each_lives_in_one_place()
    {
        await using var cluster = await StartAsync(["a", "b", "a"]);
        var viaFirst = cluster.Silos[0]!.GrainFactory;
        var viaSecond = cluster.Silos[1]!.GrainFactory;

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => viaFirst.GetGrain<IStateGrain>($"g{i}").Add(i)));
        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => viaSecond.GetGrain<IStateGrain>($"g{i}").Get()));

        Assert.Equal(Enumerable.Range(0, 100), values);
        var counts = cluster.Live.Select(s => s.Silo.ActivationCount).ToArray();
        Assert.Equal(100, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 10, $"activations per silo: {string.Join(", ", counts)}"));
    }

    [Fact]
    public async Task After_a_silo_is_killed_every_grain_answers_with_its_last_committed_state()
    {
        await using var cluster = await StartAsync(["a", "b", "a"]);
        var client = cluster.Silos[0]!.GrainFactory;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"g{i}").Add(i + 1)));

        await cluster.KillAsync(1);
        await cluster.WaitForActiveAsync(2);

        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"g{i}").Get()));
        Assert.Equal(Enumerable.Range(1, 100), values);
    }

    [Fact]
    public async Task After_a_whole_zone_is_killed_every_grain_answers_with_its_last_committed_state()
    {
        await using var cluster = await StartAsync(["a", "b", "a", "b"]);
        var client = cluster.Silos[0]!.GrainFactory;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"z{i}").Add(i + 1)));

        await Task.WhenAll(cluster.KillAsync(1), cluster.KillAsync(3));
        await cluster.WaitForActiveAsync(2);

        var values = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"z{i}").Get()));
        Assert.Equal(Enumerable.Range(1, 100), values);
        Assert.All(cluster.Live, s => Assert.Equal("a", s.Silo.Zone));
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_leaves_the_view_at_once_and_hands_its_grains_over()
    {
        await using var cluster = await StartAsync(["a", "b", "a"]);
        var client = cluster.Silos[0]!.GrainFactory;
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GetGrain<IStateGrain>($"s{i}").Add(7)));

        await cluster.StopAsync(2);
        await cluster.WaitForActiveAsync(2, TimeSpan.FromSeconds(3));

        var values = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.GetGrain<IStateGrain>($"s{i}").Add(1)));
        Assert.All(values, v => Assert.Equal(8, v));
    }

    [Fact]
    public async Task A_new_silo_takes_over_the_grains_it_now_owns()
    {
        await using var cluster = await StartAsync(["a", "b"]);
        var client = cluster.Silos[0]!.GrainFactory;
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IStateGrain>($"n{i}").Add(1)));

        var added = await cluster.StartSiloAsync("a");
        await cluster.WaitForActiveAsync(3);

        var values = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IStateGrain>($"n{i}").Add(1)));
        Assert.All(values, v => Assert.Equal(2, v));
        Assert.True(cluster.Silos[added]!.Silo.ActivationCount > 0);
        Assert.Equal(60, cluster.Live.Sum(s => s.Silo.ActivationCount));
    }

    internal static Task<TestCluster> StartAsync(IReadOnlyList<string> zones) =>
        TestCluster.StartAsync(zones, configureServices: services => services.AddSingleton(new ProbeBoard()));
}

// Cluster tests run one at a time and alone: each starts several silos whose failure detectors run on real time, and other
// tests blocking pool threads (SQLite busy waits) would starve their heartbeats.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
