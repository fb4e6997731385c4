using Actors.Providers.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Providers.Storage.Postgres;

/// <summary>
/// State records in PostgreSQL, for clusters: every silo points at the same database. A write batch is a few set-based statements
/// sent in one round trip and committed as one transaction.
/// </summary>
internal sealed class PostgresStateStore : IStateStore, IAsyncDisposable
{
    private const string SelectSql = "SELECT data, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private const string DeleteSql = "DELETE FROM grain_state WHERE grain_type = $1 AND modified_at < $2";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Migration> _migrations;

    /// <summary>Creates the store over a connection pool of its own; connections are opened on first use.</summary>
    /// <param name="connectionString">An Npgsql connection string. It may hold a password, so it is never logged.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    /// <param name="migrations">The schema to apply; <see cref="SchemaMigrations.All"/> when null.</param>
    public PostgresStateStore(string connectionString, ILogger? logger = null, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations ?? SchemaMigrations.All;
    }

    public string Name => "postgres";

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresMigrator.ApplyAsync(_dataSource, _migrations, _logger, cancellationToken);

    public async Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(SelectSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainKey });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
            await command.PrepareAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new StoredState(reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt64(1));
        }
        catch (NpgsqlException ex)
        {
            throw StorageFailure.Postgres("read from", ex);
        }
    }

    public async Task WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            WriteOutcomes.Mark(writes, await PostgresWriteBatch.ExecuteAsync(connection, writes, cancellationToken));
        }
        catch (Exception ex)
        {
            WriteOutcomes.Reset(writes);
            if (ex is NpgsqlException)
            {
                throw StorageFailure.Postgres("write to", ex);
            }

            throw;
        }
    }

    public async Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(DeleteSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff.ToUniversalTime() });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw StorageFailure.Postgres("delete from", ex);
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
