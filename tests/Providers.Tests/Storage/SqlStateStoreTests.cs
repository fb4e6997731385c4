using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

/// <summary>The store contract's parts that only a database has: transactions that fail inside it, and its schema.</summary>
public abstract partial class SqlStateStoreTests : StateStoreTests
{
    private protected SqlStoreHarness Sql => (SqlStoreHarness)Harness;

    [Fact]
    public async Task A_failed_transaction_throws_StorageUnavailableException_and_none_of_its_writes_take_effect()
    {
        var database = FreshDatabase("fault");
        var store = await Harness.OpenAsync(database);
        await store.InitializeAsync(CancellationToken.None);
        var (existing, before, poison, after) = (Key("f-existing"), Key("f-before"), Key("f-poison"), Key("f-after"));
        var setup = Write(existing, Bytes(1), 0);
        await store.WriteBatchAsync([setup], CancellationToken.None);
        Assert.Equal(StateWriteOutcome.Committed, setup.Outcome);
        await Sql.FailInsertsOfKeyAsync(database, poison.GrainKey);

        var writes = new[]
        {
            Write(existing, Bytes(2), 1), Write(before, Bytes(2), 0), Write(poison, Bytes(2), 0), Write(after, Bytes(2), 0),
        };
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.WriteBatchAsync(writes, CancellationToken.None));

        Assert.NotNull(error.InnerException);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Pending, w.Outcome));
        var existingState = await store.ReadAsync(existing, CancellationToken.None);
        Assert.Equal(Bytes(1), existingState?.Data);
        Assert.Equal(1, existingState?.Version);
        Assert.Null(await store.ReadAsync(before, CancellationToken.None));
        Assert.Null(await store.ReadAsync(after, CancellationToken.None));

        // The store recovers: the same batch without the failing write commits.
        var retry = new[] { writes[0], writes[1], writes[3] };
        await store.WriteBatchAsync(retry, CancellationToken.None);
        Assert.All(retry, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
    }
}
