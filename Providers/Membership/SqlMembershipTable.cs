using Actors.Providers.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Providers.Membership;

/// <summary>
/// Orleans's membership table on SQLite or PostgreSQL, scoped by <see cref="ClusterOptions.ClusterId"/>. Each call is one
/// transaction; <see cref="InsertRowAsync"/> and <see cref="UpdateRowAsync"/> compare-and-swap the table version's etag (and
/// for an update the row's etag) and return false, never throw, when another writer got there first.
/// </summary>
/// <remarks>
/// <para>
/// Etags are decimal counters: the version row's grows by one per successful insert or update, a silo row's per update.
/// <see cref="UpdateIAmAliveAsync"/> changes neither, so a heartbeat never spoils a membership decision read before it.
/// </para>
/// <para>
/// A restarting silo has a new generation, so its row is a new row: a stale row of its former generation never blocks its
/// insert; Orleans declares the former generation dead, and cleanup deletes it later.
/// </para>
/// </remarks>
internal sealed partial class SqlMembershipTable : IMembershipTable
{
    private readonly TableDatabase _database;
    private readonly MembershipSql _sql;
    private readonly string _clusterId;
    private readonly ILogger _logger;

    public SqlMembershipTable(TableDatabase database, IOptions<ClusterOptions> clusterOptions, ILogger<SqlMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _sql = new MembershipSql(database.Greatest);
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) =>
        InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_clusterId))
        {
            throw new InvalidOperationException("The membership table needs a cluster id: set ClusterOptions.ClusterId.");
        }

        await _database.MigrateAsync(_logger, cancellationToken);
        if (tryInitTableVersion)
        {
            await _database.RunAsync(
                write: true, "create the membership version row in", t => CreateVersionAsync(t, cancellationToken), cancellationToken);
        }

        MembershipLog.Initialized(_logger, _clusterId, _database.Store);
    }

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        await _database.RunAsync(
            write: true, "delete a cluster from", t => DeleteClusterAsync(t, clusterId, cancellationToken), cancellationToken);
        MembershipLog.ClusterDeleted(_logger, clusterId);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        var deleted = await _database.RunAsync(
            write: true, "delete defunct silos from", t => DeleteDefunctAsync(t, beforeDate, cancellationToken), cancellationToken);
        if (deleted > 0)
        {
            MembershipLog.DefunctRowsDeleted(_logger, deleted, _clusterId, beforeDate);
        }
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _database.RunAsync(write: false, "read membership from", t => ReadAsync(t, key, cancellationToken), cancellationToken);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) =>
        _database.RunAsync(write: false, "read membership from", t => ReadAsync(t, null, cancellationToken), cancellationToken);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ValidateEntry(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!MembershipRows.TryParseEtag(tableVersion.VersionEtag, out var versionEtag))
        {
            return Task.FromResult(false);
        }

        return _database.RunAsync(
            write: true,
            "insert a membership row into",
            t => InsertAsync(t, entry, tableVersion.Version, versionEtag, cancellationToken),
            cancellationToken);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ValidateEntry(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!MembershipRows.TryParseEtag(tableVersion.VersionEtag, out var versionEtag)
            || !MembershipRows.TryParseEtag(etag, out var rowEtag))
        {
            return Task.FromResult(false);
        }

        return _database.RunAsync(
            write: true,
            "update a membership row in",
            t => UpdateAsync(t, entry, rowEtag, tableVersion.Version, versionEtag, cancellationToken),
            cancellationToken);
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ValidateEntry(entry);
        return _database.RunAsync(
            write: true, "record IAmAlive in", t => HeartbeatAsync(t, entry, cancellationToken), cancellationToken);
    }

    // Checked before any connection is opened, so that a bad argument is never reported as a storage failure.
    private static void ValidateEntry(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.SiloAddress?.Endpoint is null)
        {
            throw new ArgumentException("A membership entry needs a silo address.", nameof(entry));
        }
    }
}
