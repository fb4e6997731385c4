namespace Actors.Providers.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task A_new_cluster_reads_empty_at_version_zero_with_an_etag()
    {
        var data = await Table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task InsertRow_stores_every_field_and_moves_the_table_to_the_given_version_with_a_new_etag()
    {
        var before = (await Table.ReadAll()).Version;
        var entry = Entry();
        entry.SuspectTimes = [Tuple.Create(Entry(port: 2).SiloAddress, T0.AddMinutes(1)), Tuple.Create(Entry(port: 3).SiloAddress, T0)];

        Assert.True(await Table.InsertRow(entry, before.Next()));

        var after = await Table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.VersionEtag, after.Version.VersionEtag);
        var (stored, etag) = Assert.Single(after.Members);
        AssertSameEntry(entry, stored);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task A_missing_suspect_list_reads_back_missing_and_an_empty_one_empty()
    {
        var without = Entry();
        without.SuspectTimes = null;
        var empty = Entry();

        await InsertedAsync(without);
        await InsertedAsync(empty);

        Assert.Null((await RowAsync(without.SiloAddress)).Item1.SuspectTimes);
        Assert.Empty((await RowAsync(empty.SiloAddress)).Item1.SuspectTimes!);
    }

    [Fact]
    public async Task InsertRow_with_a_stale_version_etag_returns_false_and_changes_nothing()
    {
        var stale = (await Table.ReadAll()).Version;
        await InsertedAsync(Entry());

        Assert.False(await Table.InsertRow(Entry(), stale.Next()));
        Assert.False(await Table.InsertRow(Entry(), new TableVersion(stale.Version + 2, stale.VersionEtag)));

        var data = await Table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task InsertRow_of_a_silo_already_in_the_table_returns_false_and_leaves_the_version()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var version = (await Table.ReadAll()).Version;

        Assert.False(await Table.InsertRow(entry, version.Next()));

        Assert.Equal(version, (await Table.ReadAll()).Version);
    }

    [Fact]
    public async Task InsertRow_whose_version_does_not_grow_returns_false()
    {
        await InsertedAsync(Entry());
        var version = (await Table.ReadAll()).Version;

        Assert.False(await Table.InsertRow(Entry(), version));
        Assert.False(await Table.InsertRow(Entry(), new TableVersion(version.Version - 1, version.VersionEtag)));

        Assert.Single((await Table.ReadAll()).Members);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-etag")]
    [InlineData("99999999999999999999999")]
    public async Task An_etag_the_table_never_gave_makes_inserts_and_updates_return_false(string etag)
    {
        var entry = Entry();
        await InsertedAsync(entry);
        var data = await Table.ReadAll();

        Assert.False(await Table.InsertRow(Entry(), new TableVersion(data.Version.Version + 1, etag)));
        Assert.False(await Table.UpdateRow(entry, etag, data.Version.Next()));
        Assert.False(await Table.UpdateRow(entry, data.Members[0].Item2, new TableVersion(data.Version.Version + 1, etag)));

        Assert.Equal(data.Version, (await Table.ReadAll()).Version);
    }

    [Fact]
    public async Task A_cluster_whose_version_row_was_never_created_takes_its_first_insert()
    {
        var table = Open("cluster-uninitialized");
        await table.InitializeMembershipTable(tryInitTableVersion: false);
        var empty = await table.ReadAll();

        Assert.True(await table.InsertRow(Entry(), empty.Version.Next()));

        Assert.Equal(1, (await table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task A_restarting_silo_inserts_its_new_generation_beside_its_stale_row()
    {
        var before = Entry(port: 11111, generation: 100, status: SiloStatus.Active);
        await InsertedAsync(before);

        var restarted = Entry(port: 11111, generation: 101);
        await InsertedAsync(restarted);

        var data = await Table.ReadAll();
        Assert.Equal(2, data.Members.Count);
        Assert.Equal(SiloStatus.Active, data.TryGet(before.SiloAddress)!.Item1.Status);
        Assert.Equal(SiloStatus.Joining, data.TryGet(restarted.SiloAddress)!.Item1.Status);
    }

    [Fact]
    public async Task Clusters_in_one_database_see_only_their_own_rows_and_versions()
    {
        var other = Open("cluster-b");
        await other.InitializeMembershipTable(tryInitTableVersion: true);
        await InsertedAsync(Entry());
        await InsertedAsync(Entry());

        Assert.Empty((await other.ReadAll()).Members);
        Assert.Equal(0, (await other.ReadAll()).Version.Version);
        await InsertedAsync(Entry(), other);
        Assert.Equal(2, (await Table.ReadAll()).Members.Count);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task ReadRow_gives_the_row_and_the_table_version_or_just_the_version()
    {
        var entry = Entry();
        await InsertedAsync(entry);
        await InsertedAsync(Entry());

        var found = await Table.ReadRow(entry.SiloAddress);
        var missing = await Table.ReadRow(Entry().SiloAddress);

        AssertSameEntry(entry, Assert.Single(found.Members).Item1);
        Assert.Equal(2, found.Version.Version);
        Assert.Empty(missing.Members);
        Assert.Equal(found.Version, missing.Version);
    }
}
