using System.Data.Common;
using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Actors.Providers.Tables;

/// <summary>
/// The tables in a SQLite file, for silos on one machine, on connections set up as grain storage's are (WAL mode,
/// <c>synchronous=FULL</c>, a busy timeout), one per call. Writers take the file's write lock when their transaction begins
/// (BEGIN IMMEDIATE), so writers from any process take turns and each compare-and-swap reads the last committed rows.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs synchronously and a writer may wait up to the busy timeout for another process's lock, so every
/// call runs on the thread pool: an Orleans scheduler thread never blocks on the file.
/// </remarks>
internal sealed class SqliteTableDatabase : TableDatabase
{
    private readonly string _databasePath;
    private readonly TimeSpan _busyTimeout;

    public SqliteTableDatabase(string databasePath, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = Path.GetFullPath(databasePath);
        _busyTimeout = busyTimeout;
    }

    public override string Store => "sqlite";

    public override string Greatest => "max";

    public override Task MigrateAsync(ILogger logger, CancellationToken cancellationToken) => Task.Run(() =>
    {
        try
        {
            var folder = Path.GetDirectoryName(_databasePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using var connection = Open();
            SqliteMigrator.Apply(connection, SchemaMigrations.All, logger);
        }
        catch (Exception ex) when (StorageFailure.IsSqlite(ex) || ex is UnauthorizedAccessException)
        {
            throw StorageFailure.Sqlite(_databasePath, "migrate the schema of", ex);
        }
    }, cancellationToken);

    public override Task<T> RunAsync<T>(
        bool write, string doing, Func<DbTransaction, Task<T>> operation, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            try
            {
                using var connection = Open();
                using var transaction = connection.BeginTransaction(deferred: !write);
                return await operation(transaction);
            }
            catch (Exception ex) when (StorageFailure.IsSqlite(ex))
            {
                throw StorageFailure.Sqlite(_databasePath, doing, ex);
            }
        }, cancellationToken);

    private SqliteConnection Open() => SqliteConnections.Open(_databasePath, _busyTimeout);
}
