using Actors.Providers.Storage;
using Orleans;
using Orleans.Storage;

namespace Actors.Providers.Tests.Storage;

public sealed class InMemoryGrainStorageTests : GrainStorageTests
{
    private protected override StoreHarness CreateHarness() => new MemoryStoreHarness();

    [Fact]
    public async Task The_public_memory_storage_keeps_state_as_json_with_version_etags()
    {
        IGrainStorage storage = new InMemoryGrainStorage();
        var grain = Grain("public");
        var state = new TestGrainState(new TestState { Balance = 3 });

        await storage.WriteStateAsync("state", grain, state);
        var first = new TestGrainState();
        await storage.ReadStateAsync("state", grain, first);
        var stale = new TestGrainState(new TestState(), null);

        Assert.Equal(("1", 3L), (first.ETag, first.State.Balance));
        Assert.NotSame(state.State, first.State);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grain, stale));
        await storage.ClearStateAsync("state", grain, first);
        Assert.Equal(("2", false), (first.ETag, first.RecordExists));
    }
}
