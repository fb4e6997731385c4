using System.Data;
using System.Data.Common;
using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Providers.Tables;

/// <summary>
/// The tables in PostgreSQL, over a connection pool of their own. Writers run at READ COMMITTED and make every compare-and-swap
/// a conditional UPDATE (or an INSERT ... ON CONFLICT DO NOTHING): PostgreSQL locks the row and checks the condition again
/// against the committed row once a concurrent writer finishes, so of two writers from one snapshot exactly one wins, the other
/// sees zero rows changed, and neither meets a serialization failure. Readers run at REPEATABLE READ: one snapshot for all
/// their statements.
/// </summary>
internal sealed class PostgresTableDatabase : TableDatabase
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresTableDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Store => "postgres";

    public override string Greatest => "GREATEST";

    public override Task MigrateAsync(ILogger logger, CancellationToken cancellationToken) =>
        PostgresMigrator.ApplyAsync(_dataSource, SchemaMigrations.All, logger, cancellationToken);

    public override async Task<T> RunAsync<T>(
        bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var isolation = write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead;
            await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
            return await operation(transaction);
        }
        catch (NpgsqlException ex)
        {
            throw StorageFailure.Postgres(doing, ex);
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
