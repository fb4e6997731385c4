namespace Actors.Providers.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task UpdateIAmAlive_changes_only_the_IAmAlive_time_and_keeps_every_etag()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var before = await Table.ReadAll();

        // As Orleans sends it: the address and the time, nothing else.
        await Table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = T0.AddMinutes(9) });

        var after = await Table.ReadAll();
        var (stored, etag) = Assert.Single(after.Members);
        entry.IAmAliveTime = T0.AddMinutes(9);
        AssertSameEntry(entry, stored);
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task An_update_decided_before_a_heartbeat_still_wins_after_it()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var read = await Table.ReadAll();

        await Table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = T0.AddMinutes(1) });
        entry.Status = SiloStatus.Active;

        Assert.True(await Table.UpdateRow(entry, read.Members[0].Item2, read.Version.Next()));
    }

    [Fact]
    public async Task UpdateIAmAlive_of_a_silo_not_in_the_table_does_nothing()
    {
        await InsertedAsync(Entry());
        var before = await Table.ReadAll();

        await Table.UpdateIAmAlive(new MembershipEntry { SiloAddress = Entry().SiloAddress, IAmAliveTime = T0 });

        var after = await Table.ReadAll();
        Assert.Single(after.Members);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Cleanup_deletes_old_rows_of_every_status_but_Active_and_keeps_recent_and_live_ones()
    {
        var cutoff = T0.AddDays(3);
        var old = new List<MembershipEntry>();
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var entry = Entry(status: status);
            old.Add(entry);
            await InsertedAsync(entry);
        }

        var recentDead = Entry(status: SiloStatus.Dead);
        recentDead.StartTime = recentDead.IAmAliveTime = T0.AddDays(4);
        var recentlySuspected = Entry(status: SiloStatus.Dead);
        recentlySuspected.SuspectTimes = [Tuple.Create(Entry().SiloAddress, T0.AddDays(4))];
        var heartbeating = Entry(status: SiloStatus.ShuttingDown);
        foreach (var entry in new[] { recentDead, recentlySuspected, heartbeating })
        {
            await InsertedAsync(entry);
        }

        await Table.UpdateIAmAlive(new MembershipEntry { SiloAddress = heartbeating.SiloAddress, IAmAliveTime = T0.AddDays(4) });
        var version = (await Table.ReadAll()).Version;

        await Table.CleanupDefunctSiloEntries(cutoff);

        var after = await Table.ReadAll();
        var kept = after.Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        var liveSilo = old.Single(e => e.Status == SiloStatus.Active).SiloAddress;
        Assert.Equal(new[] { liveSilo, recentDead.SiloAddress, recentlySuspected.SiloAddress, heartbeating.SiloAddress }.ToHashSet(), kept);
        Assert.Equal(version, after.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_removes_the_named_cluster_only()
    {
        var other = Open("cluster-b");
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        await InsertedAsync(Entry());
        await InsertedAsync(Entry(), other);

        await Table.DeleteMembershipTableEntries(Cluster);

        var data = await Table.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Single((await other.ReadAll()).Members);
        await InsertedAsync(Entry());
    }
}
