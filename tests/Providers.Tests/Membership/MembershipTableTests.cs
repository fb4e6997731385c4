using System.Net;
using Actors.Providers.Membership;
using Actors.Providers.Tests.Membership.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Providers.Tests.Membership;

/// <summary>
/// The contract of Orleans's <see cref="IMembershipTable"/> as <see cref="SqlMembershipTable"/> keeps it, run on every database
/// by a subclass per database. Each test has a database of its own; tables opened with <see cref="Open"/> have connections of
/// their own, as separate silo processes would.
/// </summary>
public abstract partial class MembershipTableTests : IAsyncLifetime
{
    private protected const string Cluster = "cluster-a";

    // Whole milliseconds: what the table stores.
    private protected static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc);

    private static int s_generation;

    private protected TestStore Store { get; private set; } = null!;

    /// <summary>A table of <see cref="Cluster"/> on this test's database, initialized.</summary>
    private protected SqlMembershipTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Table = Open();
        await Table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private protected abstract Task<TestStore> CreateStoreAsync();

    /// <summary>Another table on this test's database (or the given one), with connections of its own.</summary>
    private protected SqlMembershipTable Open(string cluster = Cluster, TestStore? store = null) =>
        new((store ?? Store).Open(), Options.Create(new ClusterOptions { ClusterId = cluster }), NullLogger<SqlMembershipTable>.Instance);

    private protected static MembershipEntry Entry(int port = 11111, int? generation = null, SiloStatus status = SiloStatus.Joining) =>
        new()
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, generation ?? Interlocked.Increment(ref s_generation)),
            Status = status,
            ProxyPort = 30000,
            HostName = "host-a",
            SiloName = $"silo-{port}",
            RoleName = "role-a",
            UpdateZone = 3,
            FaultZone = 4,
            StartTime = T0,
            IAmAliveTime = T0.AddSeconds(1),
            SuspectTimes = [],
        };

    /// <summary>Inserts at the table's next version, failing the test unless the insert won.</summary>
    private protected async Task InsertedAsync(MembershipEntry entry, SqlMembershipTable? table = null)
    {
        table ??= Table;
        var version = (await table.ReadAll()).Version;
        Assert.True(await table.InsertRow(entry, version.Next()), $"Inserting {entry.SiloAddress} at {version.Next()} failed.");
    }

    private protected async Task<Tuple<MembershipEntry, string>> RowAsync(SiloAddress silo) =>
        Assert.Single((await Table.ReadRow(silo)).Members);

    /// <summary>Compares every field of the entries, the suspicions item by item.</summary>
    private protected static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.ToFullString(), actual.ToFullString());
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.RoleName, actual.RoleName);
        Assert.Equal(expected.SuspectTimes?.Select(s => (s.Item1, s.Item2)), actual.SuspectTimes?.Select(s => (s.Item1, s.Item2)));
    }
}
