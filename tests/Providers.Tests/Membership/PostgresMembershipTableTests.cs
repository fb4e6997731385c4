using Actors.Providers.Membership;
using Actors.Providers.Tables;
using Actors.Providers.Storage;
using Actors.Providers.Tests.Membership.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Providers.Tests.Membership;

public sealed class PostgresMembershipTableTests(PostgresStores stores) : MembershipTableTests, IClassFixture<PostgresStores>
{
    private protected override Task<TestStore> CreateStoreAsync() => stores.CreateAsync();

    [Fact]
    public async Task An_unreachable_server_fails_every_call_with_StorageUnavailableException()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var database = new PostgresTableDatabase("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var table = new SqlMembershipTable(
            database, Options.Create(new ClusterOptions { ClusterId = Cluster }), NullLogger<SqlMembershipTable>.Instance);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.InitializeMembershipTable(true));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.ReadAll());
        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.InsertRow(Entry(), new TableVersion(1, "0")));
    }
}
