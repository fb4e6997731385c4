using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Membership.Cluster;

public sealed class SqliteTableClusterTests(SqliteStores stores) : TableClusterTests, IClassFixture<SqliteStores>
{
    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();
}
