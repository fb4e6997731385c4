using Actors.Runtime.Membership;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;

namespace Actors.Runtime.Tests.Membership;

public abstract partial class MembershipTableTests
{
    [Fact]
    public async Task Initialize_twice_is_harmless()
    {
        await Table.InitializeAsync(CancellationToken.None);
        await (await OpenAsync()).InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All.Count, await ScalarAsync(Database, "SELECT COUNT(*) FROM schema_migrations"));
        await InsertedAsync(Entry(Silo()), 0);
    }

    [Fact]
    public async Task Grain_storage_then_membership_initialize_one_database_and_both_work()
    {
        var database = Database + "_sm";
        var storage = await OpenGrainStorageAsync(database);
        var table = await OpenAsync(database);

        await storage.InitializeAsync(CancellationToken.None);
        await table.InitializeAsync(CancellationToken.None);

        await AssertBothWorkAsync(database, storage, table);
    }

    [Fact]
    public async Task Membership_then_grain_storage_initialize_one_database_and_both_work()
    {
        var database = Database + "_ms";
        var storage = await OpenGrainStorageAsync(database);
        var table = await OpenAsync(database);

        await table.InitializeAsync(CancellationToken.None);
        await storage.InitializeAsync(CancellationToken.None);

        await AssertBothWorkAsync(database, storage, table);
    }

    [Fact]
    public async Task A_database_without_the_schema_fails_every_call_with_StorageException()
    {
        var table = await OpenAsync(Database + "_bare");

        var error = await Assert.ThrowsAsync<StorageException>(() => table.ReadAsync(Cluster, CancellationToken.None));
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
        await Assert.ThrowsAsync<StorageException>(() => table.TryInsertAsync(Cluster, Entry(Silo()), 0, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.TryUpdateAsync(Cluster, Entry(Silo()), 1, 1, CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.HeartbeatAsync(Cluster, Silo(), CancellationToken.None));
        await Assert.ThrowsAsync<StorageException>(() => table.DeleteDeadAsync(Cluster, 0, CancellationToken.None));
    }

    [Theory]
    [InlineData("status", "'Sleeping'")]
    [InlineData("suspicions", "'not json'")]
    [InlineData("suspicions", "'[{\"host\":\"h\"}]'")]
    public async Task A_row_that_cannot_be_read_fails_the_read_with_StorageException(string column, string value)
    {
        await InsertedAsync(Entry(Silo()), 0);
        await ExecuteAsync(Database, $"UPDATE membership SET {column} = {value}");

        await Assert.ThrowsAsync<StorageException>(() => ReadAsync());
    }

    [Fact]
    public async Task Arguments_the_table_cannot_store_are_rejected()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.ReadAsync("", CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => InsertAsync(Entry(Silo(host: "")), 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => InsertAsync(Entry(Silo(), status: (SiloStatus)17), 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => InsertAsync(Entry(Silo(), suspicions: [new Suspicion(default, 1)]), 0));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => HeartbeatAsync(default));
        Assert.Equal(0, (await ReadAsync()).TableVersion);
    }

    private async Task AssertBothWorkAsync(string database, IGrainStorage storage, IMembershipTable table)
    {
        Assert.Equal(SchemaMigrations.All.Count, await ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"));
        var write = StateWrite.Put(GrainId.Create("test.grain", "k"), "state", new byte[] { 1 }, 0);
        await storage.WriteBatchAsync([write], CancellationToken.None);
        Assert.Equal(StateWriteOutcome.Committed, write.Outcome);
        Assert.True(await table.TryInsertAsync(Cluster, Entry(Silo()), 0, CancellationToken.None));
        Assert.Single((await table.ReadAsync(Cluster, CancellationToken.None)).Entries);
    }
}
