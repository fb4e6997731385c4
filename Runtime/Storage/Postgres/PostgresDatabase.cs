using System.Data;
using System.Data.Common;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Runtime.Storage.Postgres;

/// <summary>
/// A PostgreSQL database as the small SQL stores (membership, reminders) use it, over a pool of its own. Writes run at READ
/// COMMITTED: a compare-and-swap is an UPDATE whose condition PostgreSQL checks again against the committed row once a concurrent
/// writer finishes, so exactly one of two writers from one snapshot wins and neither has a serialization failure to retry. A read
/// runs at REPEATABLE READ: one snapshot for all its statements.
/// </summary>
internal sealed class PostgresDatabase : ISqlDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    /// <summary>Applies the missing migrations; database errors become <see cref="StorageException"/>.</summary>
    public Task MigrateAsync(IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken cancellationToken) =>
        PostgresMigrator.ApplyAsync(_dataSource, migrations, logger, cancellationToken);

    public async Task<T> RunAsync<T>(bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken)
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

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _dataSource.Dispose();
}
