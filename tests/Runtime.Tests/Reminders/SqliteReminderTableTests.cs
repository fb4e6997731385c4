using Actors.Runtime.Reminders;
using Actors.Runtime.Reminders.Sqlite;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Sqlite;
using Actors.Runtime.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Tests.Reminders;

public sealed class SqliteReminderTableTests(TempFolderFixture folder) : SqlReminderTableTests, IClassFixture<TempFolderFixture>
{
    protected override int Rounds => 8;

    private protected override Task<IReminderTable> CreateAsync(string database) =>
        Task.FromResult<IReminderTable>(new SqliteReminderTable(Options(database)));

    private protected override Task<IGrainStorage> CreateGrainStorageAsync(string database) =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(Options(database)));

    protected override Task ExecuteAsync(string database, string sql) => SqlConsole.ExecuteAsync(Options(database), sql);

    protected override Task<long> ScalarAsync(string database, string sql) => SqlConsole.ScalarAsync(Options(database), sql);

    [Fact]
    public async Task A_writer_locked_out_past_the_busy_timeout_fails_with_StorageException_and_changes_nothing()
    {
        var options = Options(Database);
        options.BusyTimeout = TimeSpan.FromMilliseconds(100);
        var table = new SqliteReminderTable(options);

        using (var other = SqliteConnections.Open(Options(Database)))
        using (other.BeginTransaction(deferred: false))
        {
            var error = await Assert.ThrowsAsync<StorageException>(() => table.TryUpsertAsync(Entry(), 0, CancellationToken.None));
            Assert.IsType<SqliteException>(error.InnerException);
        }

        Assert.Null(await table.ReadAsync(Key(), CancellationToken.None));
    }

    private SqliteStorageOptions Options(string database) => new() { DatabasePath = Path.Combine(folder.Path, database + ".db") };
}
