using Actors.Runtime.Membership;
using Actors.Runtime.Membership.Postgres;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Tests.Storage;
using Npgsql;

namespace Actors.Runtime.Tests.Membership;

public sealed class PostgresMembershipTableTests(PostgresDatabaseFixture databases)
    : MembershipTableTests, IClassFixture<PostgresDatabaseFixture>
{
    private protected override async Task<IMembershipTable> CreateAsync(string database) =>
        new PostgresMembershipTable(await OptionsAsync(database));

    private protected override async Task<IGrainStorage> CreateGrainStorageAsync(string database) =>
        new PostgresGrainStorage(await OptionsAsync(database));

    protected override async Task ExecuteAsync(string database, string sql) =>
        await SqlConsole.ExecuteAsync(await databases.ConnectionStringAsync(database), sql);

    protected override async Task<long> ScalarAsync(string database, string sql) =>
        await SqlConsole.ScalarAsync(await databases.ConnectionStringAsync(database), sql);

    [Fact]
    public async Task An_unreachable_server_fails_every_call_with_StorageException()
    {
        await using var table = new PostgresMembershipTable(new PostgresStorageOptions
        {
            ConnectionString = SqlConsole.UnreachablePostgres(),
        });
        var silo = new SiloAddress("h", 1, 1);
        var entry = new MembershipEntry(silo, "z", SiloStatus.Joining, 1, 0, 0, 0, []);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.InitializeAsync(CancellationToken.None));
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync("c", CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryInsertAsync("c", entry, 0, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryUpdateAsync("c", entry, 1, 1, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.HeartbeatAsync("c", silo, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.DeleteDeadAsync("c", 0, CancellationToken.None));
    }

    private async Task<PostgresStorageOptions> OptionsAsync(string database) =>
        new() { ConnectionString = await databases.ConnectionStringAsync(database) };
}
