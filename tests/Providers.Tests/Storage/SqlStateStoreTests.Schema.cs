using Actors.Providers.Schema;
using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class SqlStateStoreTests
{
    private static readonly Migration FutureMigration = new(
        SchemaMigrations.All[^1].Version + 1,
        "future_table",
        PostgresSql: "CREATE TABLE future_table (id bigint PRIMARY KEY);",
        SqliteSql: "CREATE TABLE future_table (id INTEGER PRIMARY KEY);");

    [Fact]
    public async Task Initialize_twice_is_harmless()
    {
        await Store.InitializeAsync(CancellationToken.None);
        await Store.InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Count, await Sql.ScalarAsync(MainDatabase, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Stores_initializing_a_new_database_at_once_apply_each_migration_once()
    {
        var database = FreshDatabase("concurrent");
        var stores = new List<IStateStore>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await Harness.OpenAsync(database));
        }

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None))));

        Assert.Equal(SchemaMigrations.All.Count, await Sql.ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"));
        var write = Write(Key("after-concurrent-init"), Bytes(1), 0);
        await stores[^1].WriteBatchAsync([write], CancellationToken.None);
        Assert.Equal(StateWriteOutcome.Committed, write.Outcome);
    }

    [Fact]
    public async Task A_new_migration_is_applied_once_to_a_database_at_an_older_version_and_keeps_its_records()
    {
        var database = FreshDatabase("upgrade");
        var current = await Harness.OpenAsync(database);
        await current.InitializeAsync(CancellationToken.None);
        var write = Write(Key("kept-across-upgrade"), Bytes(1), 0);
        await current.WriteBatchAsync([write], CancellationToken.None);

        var upgraded = await Harness.OpenAsync(database, [.. SchemaMigrations.All, FutureMigration]);
        await upgraded.InitializeAsync(CancellationToken.None);
        await upgraded.InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Count + 1, await Sql.ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, await Sql.ScalarAsync(database, "SELECT COUNT(*) FROM future_table"));
        Assert.Equal(1, (await upgraded.ReadAsync(write.Key, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task Initialize_refuses_a_database_migrated_by_a_newer_build()
    {
        var database = FreshDatabase("newer");
        var newer = await Harness.OpenAsync(database, [.. SchemaMigrations.All, FutureMigration]);
        await newer.InitializeAsync(CancellationToken.None);

        var older = await Harness.OpenAsync(database);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => older.InitializeAsync(CancellationToken.None));

        Assert.Contains($"migration {FutureMigration.Version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_refuses_a_newer_version_recorded_by_hand()
    {
        var database = FreshDatabase("newer_row");
        var store = await Harness.OpenAsync(database);
        await store.InitializeAsync(CancellationToken.None);
        await Sql.ExecuteAsync(database, "INSERT INTO schema_migrations (version, name) VALUES (9999, 'unknown')");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }
}
