namespace Actors.Providers.Tests.Storage;

public sealed class MemoryStateStoreTests : StateStoreTests
{
    private protected override StoreHarness CreateHarness() => new MemoryStoreHarness();
}
