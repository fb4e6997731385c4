using Actors.Providers.Logins;

namespace Actors.Providers.Tests.Logins;

public sealed class MemoryLoginRecordStoreTests : LoginRecordStoreTests
{
    private protected override Task<ILoginRecordStore> OpenStoreAsync() => Task.FromResult<ILoginRecordStore>(new MemoryLoginRecordStore());
}
