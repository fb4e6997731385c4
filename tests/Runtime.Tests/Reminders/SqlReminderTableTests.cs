using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>What the SQL tables add to the contract: the schema, its migration beside grain storage, and rows they cannot read.</summary>
public abstract class SqlReminderTableTests : ReminderTableTests
{
    /// <summary>Creates the same provider's grain storage on the named database.</summary>
    private protected abstract Task<IGrainStorage> CreateGrainStorageAsync(string database);

    /// <summary>Runs a statement on the named database outside the provider.</summary>
    protected abstract Task ExecuteAsync(string database, string sql);

    /// <summary>Runs a query returning one integer on the named database outside the provider.</summary>
    protected abstract Task<long> ScalarAsync(string database, string sql);

    [Fact]
    public async Task Initialize_twice_is_harmless_and_records_every_migration()
    {
        await Table.InitializeAsync(CancellationToken.None);
        await (await OpenAsync()).InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Count, await ScalarAsync(Database, "SELECT COUNT(*) FROM schema_migrations"));
        await InsertedAsync(Entry());
    }

    [Fact]
    public async Task Grain_storage_and_reminders_initialize_one_database_in_either_order()
    {
        foreach (var reminderFirst in new[] { true, false })
        {
            var database = Database + (reminderFirst ? "_rs" : "_sr");
            var storage = await CreateGrainStorageAsync(database);
            var table = await OpenAsync(database);
            try
            {
                if (reminderFirst)
                {
                    await table.InitializeAsync(CancellationToken.None);
                }

                await storage.InitializeAsync(CancellationToken.None);
                await table.InitializeAsync(CancellationToken.None);

                Assert.NotNull(await table.TryUpsertAsync(Entry(), 0, CancellationToken.None));
                Assert.Null(await storage.ReadAsync(Grain(), "state", CancellationToken.None));
                Assert.Equal(SchemaMigrations.All.Count, await ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"));
            }
            finally
            {
                (storage as IDisposable)?.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_database_without_the_schema_fails_every_call_with_StorageException()
    {
        var table = await OpenAsync(Database + "_bare");

        var error = await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Key(), CancellationToken.None));
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Grain(), CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.ReadPageAsync(null, 10, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryUpsertAsync(Entry(), 0, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryAdvanceAsync(Key(), 0, 1, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryDeleteAsync(Key(), 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("period_ms", "-5")]
    [InlineData("last_tick", "-2")]
    [InlineData("grain_type", "'Not A Type'")]
    [InlineData("reminder_name", "''")]
    public async Task A_row_that_cannot_be_read_fails_the_read_with_StorageException(string column, string value)
    {
        await InsertedAsync(Entry());
        await ExecuteAsync(Database, $"UPDATE reminders SET {column} = {value}");

        await Assert.ThrowsAsync<StorageException>(() => ScanAsync(10));
    }
}
