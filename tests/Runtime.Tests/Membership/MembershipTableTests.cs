using Actors.Runtime.Membership;
using Actors.Runtime.Storage;
using Actors.Runtime.Tests.Storage;

namespace Actors.Runtime.Tests.Membership;

/// <summary>
/// The contract of <see cref="IMembershipTable"/>, run against every provider by a subclass per provider. Each test has a database
/// of its own; tables opened with <see cref="OpenAsync"/> have their own connections, as separate silo processes would.
/// </summary>
public abstract partial class MembershipTableTests : IAsyncLifetime
{
    private const string Cluster = "cluster-a";
    private readonly OpenedStores _opened = new();

    /// <summary>The database of this test.</summary>
    protected string Database { get; } = "m" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A table on <see cref="Database"/>, initialized.</summary>
    protected IMembershipTable Table { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Table = await OpenAsync();
        await Table.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _opened.DisposeAsync().AsTask();

    /// <summary>Creates a provider instance on the named database; the database is created when new.</summary>
    private protected abstract Task<IMembershipTable> CreateAsync(string database);

    /// <summary>Creates the same provider's grain storage on the named database.</summary>
    private protected abstract Task<IGrainStorage> CreateGrainStorageAsync(string database);

    /// <summary>Runs a statement on the named database outside the provider.</summary>
    protected abstract Task ExecuteAsync(string database, string sql);

    /// <summary>Runs a query returning one integer on the named database outside the provider.</summary>
    protected abstract Task<long> ScalarAsync(string database, string sql);

    /// <summary>Another table on this test's database (or the named one), with connections of its own.</summary>
    protected async Task<IMembershipTable> OpenAsync(string? database = null)
    {
        var table = await CreateAsync(database ?? Database);
        return _opened.Add(table);
    }

    private async Task<IGrainStorage> OpenGrainStorageAsync(string database)
    {
        var storage = await CreateGrainStorageAsync(database);
        return _opened.Add(storage);
    }

    private static SiloAddress Silo(string host = "10.0.0.1", int port = 11111, long epoch = 1) => new(host, port, epoch);

    /// <summary>An entry whose times are deliberately wrong: the table must take them from the database clock instead.</summary>
    private static MembershipEntry Entry(
        SiloAddress silo, SiloStatus status = SiloStatus.Joining, string zone = "zone-1", IReadOnlyList<Suspicion>? suspicions = null) =>
        new(silo, zone, status, GatewayPort: 30000, HttpPort: 8080, StartedAt: 7, HeartbeatAt: 7, suspicions ?? []);

    private Task<MembershipSnapshot> ReadAsync(string cluster = Cluster) => Table.ReadAsync(cluster, CancellationToken.None);

    private Task<bool> InsertAsync(MembershipEntry entry, long tableVersion, string cluster = Cluster) =>
        Table.TryInsertAsync(cluster, entry, tableVersion, CancellationToken.None);

    private Task<bool> UpdateAsync(MembershipEntry entry, long rowVersion, long tableVersion, string cluster = Cluster) =>
        Table.TryUpdateAsync(cluster, entry, rowVersion, tableVersion, CancellationToken.None);

    private Task<long?> HeartbeatAsync(SiloAddress silo, string cluster = Cluster) =>
        Table.HeartbeatAsync(cluster, silo, CancellationToken.None);

    /// <summary>Inserts, and fails the test unless the insert won.</summary>
    private async Task InsertedAsync(MembershipEntry entry, long tableVersion, string cluster = Cluster) =>
        Assert.True(await InsertAsync(entry, tableVersion, cluster), $"Inserting {entry.Silo} at table version {tableVersion} failed.");

    /// <summary>Sets a row's heartbeat behind the provider's back, to put it in the past.</summary>
    private Task SetHeartbeatAsync(SiloAddress silo, long heartbeatAt) => ExecuteAsync(Database,
        $"UPDATE membership SET heartbeat_at = {heartbeatAt} WHERE host = '{silo.Host}' AND port = {silo.Port} AND epoch = {silo.Epoch}");

    private static VersionedMembershipEntry Row(MembershipSnapshot snapshot, SiloAddress silo) =>
        Assert.Single(snapshot.Entries, e => e.Entry.Silo == silo);

    /// <summary>Compares every field; the records' own equality would compare the suspicion lists by reference.</summary>
    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual)
    {
        var none = Array.Empty<Suspicion>();
        Assert.Equal(expected with { Suspicions = none }, actual with { Suspicions = none });
        Assert.Equal(expected.Suspicions, actual.Suspicions);
    }

    private static void AssertSameTable(MembershipSnapshot expected, MembershipSnapshot actual)
    {
        Assert.Equal(expected.TableVersion, actual.TableVersion);
        Assert.Equal(expected.Entries.Count, actual.Entries.Count);
        foreach (var (before, after) in expected.Entries.Zip(actual.Entries))
        {
            AssertSameEntry(before.Entry, after.Entry);
            Assert.Equal(before.Version, after.Version);
        }
    }
}
