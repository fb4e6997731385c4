using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Logins;

public sealed class PostgresLoginRecordStoreTests(PostgresStores stores) : SqlLoginRecordStoreTests, IClassFixture<PostgresStores>
{
    private protected override Task<TestStore> CreateDatabaseAsync() => stores.CreateAsync();
}
