using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Postgres;
using Npgsql;

namespace Actors.Runtime.Tests.Storage;

public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture databases) : GrainStorageTests, IClassFixture<PostgresDatabaseFixture>
{
    private protected override async Task<IGrainStorage> CreateAsync(string database, IReadOnlyList<Migration> migrations) =>
        new PostgresGrainStorage(await OptionsAsync(database), logger: null, migrations);

    protected override async Task ExecuteAsync(string database, string sql) =>
        await SqlConsole.ExecuteAsync(await databases.ConnectionStringAsync(database), sql);

    protected override async Task<long> ScalarAsync(string database, string sql) =>
        await SqlConsole.ScalarAsync(await databases.ConnectionStringAsync(database), sql);

    protected override Task FailInsertsOfKeyAsync(string database, string grainKey) => ExecuteAsync(database, $"""
        CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$;
        CREATE TRIGGER fail_insert BEFORE INSERT ON grain_state FOR EACH ROW
            WHEN (NEW.grain_key = '{grainKey}') EXECUTE FUNCTION fail_insert();
        """);

    [Fact]
    public async Task A_dropped_table_fails_the_next_batch_with_StorageException_and_pending_outcomes()
    {
        await using var storage = new PostgresGrainStorage(await OptionsAsync("dropped"));
        await storage.InitializeAsync(CancellationToken.None);
        var grain = GrainId.Create("test", "dropped");
        await storage.WriteBatchAsync([StateWrite.Put(grain, "state", new byte[] { 1 }, 0)], CancellationToken.None);
        await ExecuteAsync("dropped", "DROP TABLE grain_state");

        var writes = new[] { StateWrite.Put(grain, "state", new byte[] { 2 }, 1), StateWrite.Clear(grain, "other", 0) };
        var error = await Assert.ThrowsAsync<StorageException>(() => storage.WriteBatchAsync(writes, CancellationToken.None));

        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Pending, w.Outcome));
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_StorageException()
    {
        await using var storage = new PostgresGrainStorage(new PostgresStorageOptions
        {
            ConnectionString = SqlConsole.UnreachablePostgres(),
        });
        var grain = GrainId.Create("test", "unreachable");

        await Assert.ThrowsAsync<StorageException>(() => storage.InitializeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => storage.ReadAsync(grain, "state", CancellationToken.None));
        var write = StateWrite.Put(grain, "state", new byte[] { 1 }, 0);
        await Assert.ThrowsAsync<StorageException>(() => storage.WriteBatchAsync([write], CancellationToken.None));
        Assert.Equal(StateWriteOutcome.Pending, write.Outcome);
    }

    private async Task<PostgresStorageOptions> OptionsAsync(string database) =>
        new() { ConnectionString = await databases.ConnectionStringAsync(database) };
}
