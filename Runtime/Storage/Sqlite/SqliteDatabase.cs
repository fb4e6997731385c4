using System.Data.Common;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Storage.Sqlite;

/// <summary>
/// A SQLite file as the small SQL stores (membership, reminders) use it: each call opens its own connection, so a failed call leaves
/// nothing open. Writers run in BEGIN IMMEDIATE transactions: writers from any process queue on the file's write lock, so each
/// compare-and-swap sees the last committed row. A read is one deferred transaction: one snapshot of the file.
/// </summary>
/// <remarks>Microsoft.Data.Sqlite executes synchronously, so the asynchronous methods complete on the calling thread.</remarks>
internal sealed class SqliteDatabase : ISqlDatabase
{
    private readonly SqliteStorageOptions _options;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Applies the missing migrations; database errors become <see cref="StorageException"/>.</summary>
    public Task MigrateAsync(IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = SqliteConnections.Open(_options);
            SqliteMigrator.Apply(connection, migrations, logger);
            return Task.CompletedTask;
        }
        catch (Exception ex) when (StorageFailure.IsSqlite(ex))
        {
            throw StorageFailure.Sqlite(_options.DatabasePath, "migrate the schema of", ex);
        }
    }

    public async Task<T> RunAsync<T>(bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = SqliteConnections.Open(_options);
            // A deferred writer reads under a shared lock that it cannot upgrade once another process has written since.
            using var transaction = connection.BeginTransaction(deferred: !write);
            return await operation(transaction);
        }
        catch (Exception ex) when (StorageFailure.IsSqlite(ex))
        {
            throw StorageFailure.Sqlite(_options.DatabasePath, doing, ex);
        }
    }
}
