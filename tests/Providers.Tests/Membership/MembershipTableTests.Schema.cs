using Actors.Providers.Schema;
using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task Silos_initializing_a_new_database_at_once_all_succeed_and_migrate_it_once()
    {
        await using var fresh = await CreateStoreAsync();
        var tables = Enumerable.Range(0, Writers).Select(_ => Open(store: fresh)).ToArray();

        await Task.WhenAll(tables.Select(t => Task.Run(() => t.InitializeMembershipTable(tryInitTableVersion: true))));

        Assert.Equal(SchemaMigrations.All.Count, await fresh.ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, await fresh.ScalarAsync("SELECT COUNT(*) FROM orleans_membership_version"));
        Assert.True(await tables[0].InsertRow(Entry(), (await tables[1].ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task Initializing_again_keeps_the_rows_and_the_version()
    {
        await InsertedAsync(Entry());
        var before = await Table.ReadAll();

        await Open().InitializeMembershipTable(tryInitTableVersion: true);

        var after = await Table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_fails_the_read_with_StorageUnavailableException()
    {
        await InsertedAsync(Entry());
        await Store.ExecuteAsync("UPDATE orleans_membership SET suspect_times = 'not json'");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Table.ReadAll());
    }

    [Fact]
    public async Task Arguments_the_table_cannot_store_are_refused_before_the_database()
    {
        var version = (await Table.ReadAll()).Version;

        await Assert.ThrowsAsync<ArgumentNullException>(() => Table.InsertRow(null!, version.Next()));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.InsertRow(new MembershipEntry(), version.Next()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Table.UpdateRow(Entry(), "0", null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.UpdateIAmAlive(new MembershipEntry()));
        Assert.Equal(version, (await Table.ReadAll()).Version);
    }
}
