using Actors.Runtime.Membership.Sql;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Membership.Postgres;

/// <summary>
/// The membership table in PostgreSQL, usually the database <see cref="PostgresGrainStorage"/> uses, for clusters. Writes run at
/// READ COMMITTED: the table version's compare-and-swap is an UPDATE whose condition PostgreSQL checks again against the committed
/// row once a concurrent writer of the cluster finishes, so exactly one of two writers from one snapshot wins and neither has a
/// serialization failure to retry. A read runs at REPEATABLE READ: one snapshot for the version and the rows.
/// </summary>
/// <remarks>Deleting dead rows does not change the table version: they say Dead, which no decision counts as a member.</remarks>
public sealed class PostgresMembershipTable : IMembershipTable, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly SqlMembershipTable _table;

    /// <summary>Creates the table; connections are opened on first use.</summary>
    /// <param name="options">The connection string of the database.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    public PostgresMembershipTable(PostgresStorageOptions options, ILogger<PostgresMembershipTable>? logger = null)
        : this(options, logger, SchemaMigrations.All)
    {
    }

    internal PostgresMembershipTable(PostgresStorageOptions options, ILogger? logger, IReadOnlyList<Migration> migrations)
    {
        _database = new PostgresDatabase(options);
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations;
        _table = new SqlMembershipTable(MembershipSql.Postgres, _database);
    }

    /// <inheritdoc />
    public string Name => "postgres";

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

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _database.Dispose();
}
