using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Actors.Providers.Storage.Sqlite;

/// <summary>Opens connections with the settings every SQLite store of the providers relies on.</summary>
internal static class SqliteConnections
{
    static SqliteConnections() => SQLitePCL.Batteries_V2.Init();

    /// <summary>
    /// Opens a connection in WAL mode with <c>synchronous=FULL</c> (a commit is on disk before it returns, so an acknowledged
    /// write survives a crash or power loss) and a busy timeout, so writers from several processes queue instead of failing.
    /// </summary>
    /// <exception cref="SqliteException">The file could not be opened or configured.</exception>
    public static SqliteConnection Open(string databasePath, TimeSpan busyTimeout)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The stores keep their own connections; a pool would keep a failed writer's transaction alive.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var busyMs = (long)busyTimeout.TotalMilliseconds;
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMs}"));
            using (var command = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
            {
                if (command.ExecuteScalar() is not string mode || !mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageUnavailableException($"The SQLite database '{databasePath}' could not be switched to WAL mode.");
                }
            }

            Execute(connection, "PRAGMA synchronous = FULL");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection to the store's file with its busy timeout.</summary>
    public static SqliteConnection Open(SqliteStoreOptions options) => Open(options.DatabasePath, options.BusyTimeout);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
