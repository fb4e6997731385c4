using Actors.Providers.Membership;
using Actors.Providers.Tables;
using Actors.Providers.Storage;
using Actors.Providers.Tests.Membership.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Providers.Tests.Membership;

public sealed class SqliteMembershipTableTests(SqliteStores stores) : MembershipTableTests, IClassFixture<SqliteStores>
{
    private protected override int Rounds => 6;

    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();

    [Fact]
    public async Task A_database_that_cannot_be_created_fails_with_StorageUnavailableException()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            await using var database = new SqliteTableDatabase(Path.Combine(blocker, "sub", "actors.db"), TimeSpan.FromSeconds(1));
            var table = new SqlMembershipTable(
                database, Options.Create(new ClusterOptions { ClusterId = Cluster }), NullLogger<SqlMembershipTable>.Instance);

            await Assert.ThrowsAsync<StorageUnavailableException>(() => table.InitializeMembershipTable(true));
            await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAll());
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
