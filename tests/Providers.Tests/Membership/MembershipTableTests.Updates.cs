namespace Actors.Providers.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task UpdateRow_replaces_the_entry_and_changes_the_row_and_version_etags()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var before = await Table.ReadAll();
        var changed = Entry(port: entry.SiloAddress.Endpoint.Port, generation: entry.SiloAddress.Generation, status: SiloStatus.Active);
        changed.ProxyPort = 30001;
        changed.HostName = "host-b";
        changed.RoleName = null;
        changed.IAmAliveTime = T0.AddMinutes(5);
        changed.SuspectTimes = [Tuple.Create(Entry().SiloAddress, T0.AddMinutes(4))];

        Assert.True(await Table.UpdateRow(changed, before.Members[0].Item2, before.Version.Next()));

        var after = await Table.ReadAll();
        var (stored, etag) = Assert.Single(after.Members);
        AssertSameEntry(changed, stored);
        Assert.NotEqual(before.Members[0].Item2, etag);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task UpdateRow_with_a_stale_row_etag_returns_false_and_changes_nothing()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var first = await Table.ReadAll();
        entry.Status = SiloStatus.Active;
        Assert.True(await Table.UpdateRow(entry, first.Members[0].Item2, first.Version.Next()));
        var second = await Table.ReadAll();

        entry.Status = SiloStatus.Dead;
        Assert.False(await Table.UpdateRow(entry, first.Members[0].Item2, second.Version.Next()));

        var after = await Table.ReadAll();
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
        Assert.Equal(second.Version, after.Version);
        Assert.Equal(second.Members[0].Item2, after.Members[0].Item2);
    }

    [Fact]
    public async Task UpdateRow_with_a_stale_version_etag_returns_false_even_for_the_current_row_etag()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var stale = await Table.ReadAll();
        await InsertedAsync(Entry());
        var current = await Table.ReadAll();

        entry.Status = SiloStatus.Active;
        Assert.False(await Table.UpdateRow(entry, stale.Members[0].Item2, stale.Version.Next()));

        var after = await Table.ReadAll();
        Assert.Equal(SiloStatus.Joining, after.TryGet(entry.SiloAddress)!.Item1.Status);
        Assert.Equal(current.Version, after.Version);
    }

    [Fact]
    public async Task UpdateRow_of_a_silo_not_in_the_table_returns_false_and_leaves_the_version()
    {
        await InsertedAsync(Entry());
        var data = await Table.ReadAll();

        Assert.False(await Table.UpdateRow(Entry(), data.Members[0].Item2, data.Version.Next()));

        Assert.Equal(data.Version, (await Table.ReadAll()).Version);
    }
}
