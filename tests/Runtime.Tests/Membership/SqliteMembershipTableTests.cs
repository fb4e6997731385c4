using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Sqlite;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Sqlite;
using Actors.Runtime.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Tests.Membership;

public sealed class SqliteMembershipTableTests(TempFolderFixture folder) : MembershipTableTests, IClassFixture<TempFolderFixture>
{
    protected override int Rounds => 8;

    private protected override Task<IMembershipTable> CreateAsync(string database) =>
        Task.FromResult<IMembershipTable>(new SqliteMembershipTable(Options(database)));

    private protected override Task<IGrainStorage> CreateGrainStorageAsync(string database) =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage(Options(database)));

    protected override Task ExecuteAsync(string database, string sql) => SqlConsole.ExecuteAsync(Options(database), sql);

    protected override Task<long> ScalarAsync(string database, string sql) => SqlConsole.ScalarAsync(Options(database), sql);

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_with_StorageException()
    {
        var table = new SqliteMembershipTable(new SqliteStorageOptions { DatabasePath = Path.Combine(folder.Path, "missing", "x.db") });

        var error = await Assert.ThrowsAsync<StorageException>(() => table.InitializeAsync(CancellationToken.None));

        Assert.IsType<SqliteException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync("c", CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.HeartbeatAsync("c", new SiloAddress("h", 1, 1), CancellationToken.None));
    }

    [Fact]
    public async Task A_writer_locked_out_past_the_busy_timeout_fails_with_StorageException_and_changes_nothing()
    {
        var options = Options(Database);
        options.BusyTimeout = TimeSpan.FromMilliseconds(100);
        var table = new SqliteMembershipTable(options);
        var entry = new MembershipEntry(new SiloAddress("h", 1, 1), "z", SiloStatus.Joining, 1, 0, 0, 0, []);

        using (var other = SqliteConnections.Open(Options(Database)))
        using (other.BeginTransaction(deferred: false))
        {
            var error = await Assert.ThrowsAsync<StorageException>(() => table.TryInsertAsync("c", entry, 0, CancellationToken.None));
            Assert.IsType<SqliteException>(error.InnerException);
        }

        Assert.Equal(0, (await table.ReadAsync("c", CancellationToken.None)).TableVersion);
    }

    private SqliteStorageOptions Options(string database) => new() { DatabasePath = Path.Combine(folder.Path, database + ".db") };
}
