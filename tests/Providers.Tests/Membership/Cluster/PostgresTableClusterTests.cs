using Actors.Providers.Tests.Membership.Stores;

namespace Actors.Providers.Tests.Membership.Cluster;

public sealed class PostgresTableClusterTests(PostgresStores stores) : TableClusterTests, IClassFixture<PostgresStores>
{
    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();
}
