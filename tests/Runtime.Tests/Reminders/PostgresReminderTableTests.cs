using Actors.Runtime.Reminders;
using Actors.Runtime.Reminders.Postgres;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Tests.Storage;
using Npgsql;

namespace Actors.Runtime.Tests.Reminders;

public sealed class PostgresReminderTableTests(PostgresDatabaseFixture databases)
    : SqlReminderTableTests, IClassFixture<PostgresDatabaseFixture>
{
    private protected override async Task<IReminderTable> CreateAsync(string database) =>
        new PostgresReminderTable(await OptionsAsync(database));

    private protected override async Task<IGrainStorage> CreateGrainStorageAsync(string database) =>
        new PostgresGrainStorage(await OptionsAsync(database));

    protected override async Task ExecuteAsync(string database, string sql) =>
        await SqlConsole.ExecuteAsync(await databases.ConnectionStringAsync(database), sql);

    protected override async Task<long> ScalarAsync(string database, string sql) =>
        await SqlConsole.ScalarAsync(await databases.ConnectionStringAsync(database), sql);

    [Fact]
    public async Task An_unreachable_server_fails_every_call_with_StorageException()
    {
        await using var table = new PostgresReminderTable(new PostgresStorageOptions
        {
            ConnectionString = SqlConsole.UnreachablePostgres(),
        });

        var error = await Assert.ThrowsAsync<StorageException>(() => table.InitializeAsync(CancellationToken.None));
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Key(), CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.ReadPageAsync(null, 1, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryUpsertAsync(Entry(), 0, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryAdvanceAsync(Key(), 0, 1, CancellationToken.None));
    }

    private async Task<PostgresStorageOptions> OptionsAsync(string database) =>
        new() { ConnectionString = await databases.ConnectionStringAsync(database) };
}
