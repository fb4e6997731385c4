using Actors.Providers.Storage;
using Actors.Providers.Storage.Postgres;
using Npgsql;

namespace Actors.Providers.Tests.Storage;

public sealed class PostgresStateStoreTests(PostgresDatabaseFixture databases)
    : SqlStateStoreTests, IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_dropped_table_fails_the_next_batch_with_StorageUnavailableException_and_pending_outcomes()
    {
        var database = FreshDatabase("dropped");
        var store = await Harness.OpenAsync(database);
        await store.InitializeAsync(CancellationToken.None);
        var key = Key("dropped");
        await store.WriteBatchAsync([Write(key, Bytes(1), 0)], CancellationToken.None);
        await Sql.ExecuteAsync(database, "DROP TABLE grain_state");

        var writes = new[] { Write(key, Bytes(2), 1), Write(Key("dropped", "other"), null, 0) };
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.WriteBatchAsync(writes, CancellationToken.None));

        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Pending, w.Outcome));
    }

    [Fact]
    public async Task An_unreachable_server_fails_with_StorageUnavailableException_naming_no_password()
    {
        await using var store = new PostgresStateStore(SqlConsole.UnreachablePostgres() + ";Password=secret-word");
        var key = Key("unreachable");

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.InitializeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync(key, CancellationToken.None));
        var write = Write(key, Bytes(1), 0);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.WriteBatchAsync([write], CancellationToken.None));

        Assert.DoesNotContain("secret-word", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(StateWriteOutcome.Pending, write.Outcome);
    }

    private protected override StoreHarness CreateHarness() => new PostgresStoreHarness(databases);
}
