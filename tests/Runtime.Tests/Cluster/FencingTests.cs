using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FencingTests
{
    [Fact]
    public async Task A_silo_cut_off_from_its_peers_is_voted_dead_fences_itself_and_cannot_commit_after_the_new_owner()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        var isolated = cluster.Silos[2]!;
        var key = Enumerable.Range(0, 1000).Select(i => $"f{i}").First(k => isolated.Runtime().Router.OwnerOf(GrainId.Create("state", k)) == isolated.Runtime().SiloAddress);
        var onIsolated = isolated.GrainFactory.GetGrain<IStateGrain>(key);
        Assert.Equal(1, await onIsolated.Add(1));

        cluster.Partition(0, 2);
        cluster.Partition(1, 2);
        await Wait.UntilAsync(() => isolated.Runtime().IsFenced, "the isolated silo to fence itself", TimeSpan.FromSeconds(20));
        await Wait.UntilAsync(() => cluster.Silos[0]!.Runtime().Membership.View.Active.Count == 2, "the others to drop it", TimeSpan.FromSeconds(20));
        var table = await cluster.Membership.ReadAsync("test", default);
        Assert.Equal(2, table.Entries.Count(e => e.Entry.Status == SiloStatus.Active));

        var onNewOwner = cluster.Silos[0]!.GrainFactory.GetGrain<IStateGrain>(key);
        Assert.Equal(11, await onNewOwner.Add(10));
        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(() => onIsolated.Add(100));

        Assert.Contains("fenced", refused.Message, StringComparison.Ordinal);
        var stored = await cluster.Storage.ReadAsync(GrainId.Create("state", key), "counter", default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(11, await onNewOwner.Get());
    }

    [Fact]
    public async Task Nobody_is_declared_dead_while_the_table_is_unreachable()
    {
        var table = new Actors.Runtime.Membership.MemoryMembershipTable();
        await using var cluster = await TestCluster.StartAsync(["a", "b"], membership: table,
            configureServices: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, new ProbeBoard()));

        table.Unreachable = true;
        await Wait.UntilAsync(() => cluster.Live.All(s => s.Runtime().IsFenced), "both silos to fence themselves", TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => cluster.Silos[0]!.GrainFactory.GetGrain<IProbeGrain>("x").Increment());

        var checks = cluster.Live.Select(s => s.Runtime().Membership.ExpiryChecks).ToArray();
        table.Unreachable = false;
        await Wait.UntilAsync(() => cluster.Live.All(s => !s.Runtime().IsFenced), "both silos to serve again", TimeSpan.FromSeconds(20));

        // Each silo must have looked for expired peers twice since the outage: a wrong declaration would have happened by then.
        var live = cluster.Live.ToArray();
        await Wait.UntilAsync(() => live.Select((s, i) => s.Runtime().Membership.ExpiryChecks - checks[i]).All(n => n >= 2), "expiry checks after the outage", TimeSpan.FromSeconds(20));
        var snapshot = await table.ReadAsync("test", default);
        Assert.All(snapshot.Entries, e => Assert.Equal(SiloStatus.Active, e.Entry.Status));
        Assert.Equal(1, await cluster.Silos[0]!.GrainFactory.GetGrain<IProbeGrain>("x").Increment());
    }
}
