using Actors.Runtime.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Runtime.Storage.Postgres;

/// <summary>
/// Grain state in PostgreSQL, for clusters: every silo points at the same database. A write batch is a few set-based statements
/// sent in one round trip and committed as one transaction.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    private const string SelectSql = "SELECT data, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<Migration> _migrations;

    /// <summary>Creates the store; connections are opened on first use.</summary>
    /// <param name="options">The connection string of the database.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    public PostgresGrainStorage(PostgresStorageOptions options, ILogger<PostgresGrainStorage>? logger = null)
        : this(options, logger, SchemaMigrations.All)
    {
    }

    internal PostgresGrainStorage(PostgresStorageOptions options, ILogger? logger, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _logger = logger ?? NullLogger.Instance;
        _migrations = migrations;
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresMigrator.ApplyAsync(_dataSource, _migrations, _logger, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(SelectSql, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
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

    /// <inheritdoc />
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

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _dataSource.Dispose();
}
