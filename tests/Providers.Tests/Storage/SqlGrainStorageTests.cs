using Actors.Providers.Storage;
using Orleans;

namespace Actors.Providers.Tests.Storage;

/// <summary>The grain storage contract's parts that only a database has: failures inside it.</summary>
public abstract class SqlGrainStorageTests : GrainStorageTests
{
    [Fact]
    public async Task A_failed_write_throws_StorageUnavailableException_keeps_the_etag_and_a_retry_commits()
    {
        var sql = (SqlStoreHarness)Harness;
        var database = FreshDatabase("failing");
        var store = await sql.OpenAsync(database);
        var storage = sql.Storage(store);
        await storage.InitializeAsync(CancellationToken.None);
        var grain = Grain("failing");
        await sql.FailInsertsOfKeyAsync(database, grain.Key.ToString()!);
        var state = new TestGrainState(new TestState { Balance = 1 });

        await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync("state", grain, state, CancellationToken.None));

        Assert.Equal((null, false), (state.ETag, state.RecordExists));
        Assert.Null(await store.ReadAsync(KeyOf(grain), CancellationToken.None));
        await sql.StopFailingInsertsAsync(database);
        await storage.WriteStateAsync("state", grain, state, CancellationToken.None);
        Assert.Equal("1", state.ETag);
        Assert.Equal(1, (await store.ReadAsync(KeyOf(grain), CancellationToken.None))?.Version);
    }
}
