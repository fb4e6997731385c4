using Actors.Runtime.Membership;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>
/// Silos whose views of the cluster differ: each silo runs on its own fake clock, so a silo reads the membership table only when
/// its clock is moved, and one that is never moved keeps acting as the owner of grains another silo now owns. The table's clock
/// never moves, so nobody's heartbeat expires; probes are off.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadsAfterViewChangeTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Silo:Membership:ProbePeriod"] = "01:00:00",
    };

    [Fact]
    public async Task A_read_after_a_view_change_sees_every_write_acknowledged_by_a_silo_that_has_not_seen_the_change_yet()
    {
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        var table = new MemoryMembershipTable(new FakeTimeProvider());
        var (lagging, reader, joiner) = (new FakeTimeProvider(), new FakeTimeProvider(), new FakeTimeProvider());
        await using var behind = await TestSilo.StartAsync(storage, lagging, Settings, membership: table);
        await using var owner = await TestSilo.StartAsync(storage, reader, Settings, membership: table);
        await using var third = await TestSilo.StartAsync(storage, joiner, Settings, membership: table);

        // The grain is the reader's in its view and after the third silo joins; the lagging silo, alone in its view, runs it too.
        var key = Enumerable.Range(0, 1000).Select(i => $"ledger-{i}").First(k =>
            owner.Runtime().Router.OwnerOf(GrainId.Create("ledger", k)) == owner.Runtime().SiloAddress
            && third.Runtime().Router.OwnerOf(GrainId.Create("ledger", k)) == owner.Runtime().SiloAddress);
        var viaLagging = behind.GrainFactory.GetGrain<ILedgerGrain>(key);
        var viaOwner = owner.GrainFactory.GetGrain<ILedgerGrain>(key);
        Assert.Equal(1, await viaLagging.Add("op-1", 1));
        Assert.Equal(1, await viaOwner.Total());

        // Just after the reader joined: its activation came after the view, and must still see the other activation's writes.
        Assert.Equal(2, await viaLagging.Add("op-2", 1));
        Assert.Equal(2, await viaOwner.Total());

        // A view change where the reader keeps the grain: not only the first call after it checks storage.
        reader.Advance(owner.Runtime().Membership.Options.HeartbeatPeriod);
        await Wait.UntilAsync(() => owner.Runtime().Membership.View.Active.Count == 3, "the reader to see the third silo");
        Assert.Equal(2, await viaOwner.Total());
        Assert.Equal(3, await viaLagging.Add("op-3", 1));
        Assert.Equal(3, await viaOwner.Total());

        // A write late in the window, and no read until after it: the first call after the window still checks.
        Assert.Equal(4, await viaLagging.Add("op-4", 1));
        reader.Advance(owner.Runtime().Membership.ViewSettleTime);
        Assert.Equal(4, await viaOwner.Total());

        // That check found a write by another activation, so checks go on for one more window; then calls read memory only.
        reader.Advance(owner.Runtime().Membership.ViewSettleTime);
        var reads = storage.Reads;
        Assert.Equal(4, await viaOwner.Total());
        Assert.Equal(4, await viaOwner.Total());
        Assert.Equal(4, await viaOwner.Add("op-4", 1));
        Assert.Equal(1, storage.Reads - reads);
    }

    [Fact]
    public async Task A_silo_alone_in_the_table_reads_state_only_to_activate()
    {
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await TestSilo.StartAsync(storage, new FakeTimeProvider(), Settings);
        var ledger = silo.GrainFactory.GetGrain<ILedgerGrain>("alone");

        Assert.Equal(1, await ledger.Add("op-1", 1));
        Assert.Equal(1, await ledger.Total());
        Assert.Equal(1, await ledger.Add("op-1", 1));

        Assert.Equal(1, storage.Reads);
    }
}
