using Actors.Runtime.Membership.Sql;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Membership.Sqlite;

/// <summary>
/// The membership table in a SQLite file, usually the one <see cref="SqliteGrainStorage"/> uses, for silos on one machine. Every
/// write runs in a BEGIN IMMEDIATE transaction: writers from any process queue on the file's write lock, so each compare-and-swap
/// sees the last committed table version. A read is one deferred transaction: one snapshot of the file.
/// </summary>
/// <remarks>
/// Each call opens its own connection: membership is a few statements per second per silo, and a failed call leaves nothing open.
/// Microsoft.Data.Sqlite executes synchronously, so the asynchronous methods complete on the calling thread. Deleting dead rows
/// does not change the table version: they say Dead, which no decision counts as a member.
/// </remarks>
public sealed class SqliteMembershipTable : IMembershipTable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly SqlMembershipTable _table;

    /// <summary>Creates the table; nothing is opened until the first call.</summary>
    /// <param name="options">Where the database file is, and how long to wait for other writers' locks.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    public SqliteMembershipTable(SqliteStorageOptions options, ILogger<SqliteMembershipTable>? logger = null)
        : this(options, logger, SchemaMigrations.All)
    {
    }

    internal SqliteMembershipTable(SqliteStorageOptions options, ILogger? logger, IReadOnlyList<Migration> migrations)
    {
        _database = new SqliteDatabase(options);
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations;
        _table = new SqlMembershipTable(MembershipSql.Sqlite, _database);
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.MigrateAsync(_migrations, _logger, cancellationToken);

    /// <inheritdoc />
    public Task<MembershipSnapshot> ReadAsync(string clusterId, CancellationToken cancellationToken) =>
        _table.ReadAsync(clusterId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertAsync(string clusterId, MembershipEntry entry, long tableVersion, CancellationToken cancellationToken) =>
        _table.TryInsertAsync(clusterId, entry, tableVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(
        string clusterId, MembershipEntry entry, long rowVersion, long tableVersion, CancellationToken cancellationToken) =>
        _table.TryUpdateAsync(clusterId, entry, rowVersion, tableVersion, cancellationToken);

    /// <inheritdoc />
    public Task<long?> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken) =>
        _table.HeartbeatAsync(clusterId, silo, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteDeadAsync(string clusterId, long olderThan, CancellationToken cancellationToken) =>
        _table.DeleteDeadAsync(clusterId, olderThan, cancellationToken);
}
