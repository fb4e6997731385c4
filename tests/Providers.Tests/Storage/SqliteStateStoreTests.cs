using Actors.Providers.Storage;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Providers.Tests.Storage;

public sealed class SqliteStateStoreTests(TempFolderFixture folder) : SqlStateStoreTests, IClassFixture<TempFolderFixture>
{
    private SqliteStoreHarness Sqlite => (SqliteStoreHarness)Harness;

    [Fact]
    public void InFolder_creates_the_folder_and_puts_actors_db_in_it()
    {
        var target = Path.Combine(folder.Path, "nested", "data");

        var options = SqliteStoreOptions.InFolder(target);

        Assert.True(Directory.Exists(target));
        Assert.Equal(Path.Combine(target, "actors.db"), options.DatabasePath);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        var database = FreshDatabase("wal");
        var store = await Harness.OpenAsync(database);
        await store.InitializeAsync(CancellationToken.None);

        using var connection = new SqliteConnection($"Data Source={Sqlite.Options(database).DatabasePath}");
        connection.Open();
        using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Connections_commit_with_synchronous_full()
    {
        using var connection = SqliteConnections.Open(Sqlite.Options(FreshDatabase("sync")));
        using var command = new SqliteCommand("PRAGMA synchronous", connection);

        // 2 is FULL: a commit is on disk before it returns.
        Assert.Equal(2L, command.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_with_StorageUnavailableException()
    {
        using var store = new SqliteStateStore(new SqliteStoreOptions { DatabasePath = Path.Combine(folder.Path, "missing", "x.db") });

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.IsType<SqliteException>(error.InnerException);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ReadAsync(Key("k"), CancellationToken.None));
        var write = Write(Key("k"), Bytes(1), 0);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.WriteBatchAsync([write], CancellationToken.None));
        Assert.Equal(StateWriteOutcome.Pending, write.Outcome);
    }

    [Fact]
    public void Options_without_a_path_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteStateStore(new SqliteStoreOptions()));
    }

    private protected override StoreHarness CreateHarness() => new SqliteStoreHarness(folder.Path);
}
