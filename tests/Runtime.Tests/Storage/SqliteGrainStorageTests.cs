using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Tests.Storage;

public sealed class SqliteGrainStorageTests(TempFolderFixture folder) : GrainStorageTests, IClassFixture<TempFolderFixture>
{
    private protected override Task<IGrainStorage> CreateAsync(string database, IReadOnlyList<Migration> migrations) =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(Options(database), logger: null, migrations));

    protected override Task ExecuteAsync(string database, string sql) => SqlConsole.ExecuteAsync(Options(database), sql);

    protected override Task<long> ScalarAsync(string database, string sql) => SqlConsole.ScalarAsync(Options(database), sql);

    protected override Task FailInsertsOfKeyAsync(string database, string grainKey) => ExecuteAsync(database, $"""
        CREATE TRIGGER fail_insert BEFORE INSERT ON grain_state WHEN NEW.grain_key = '{grainKey}'
        BEGIN SELECT RAISE(ABORT, 'forced failure'); END
        """);

    [Fact]
    public void InFolder_creates_the_folder_and_puts_actors_db_in_it()
    {
        var target = Path.Combine(folder.Path, "nested", "data");

        var options = SqliteStorageOptions.InFolder(target);

        Assert.True(Directory.Exists(target));
        Assert.Equal(Path.Combine(target, "actors.db"), options.DatabasePath);
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode()
    {
        var path = Options("wal").DatabasePath;
        using var storage = new SqliteGrainStorage(Options("wal"));
        await storage.InitializeAsync(CancellationToken.None);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_with_StorageException()
    {
        using var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = Path.Combine(folder.Path, "missing", "x.db") });

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.IsType<SqliteException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => storage.ReadAsync(GrainId.Create("test", "k"), "state", CancellationToken.None));
    }

    [Fact]
    public void Options_without_a_path_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage(new SqliteStorageOptions()));
    }

    private SqliteStorageOptions Options(string database) => new() { DatabasePath = Path.Combine(folder.Path, database + ".db") };
}
