using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Actors.Runtime.Storage.Sqlite;

/// <summary>Opens connections with the settings every SQLite store of the runtime relies on.</summary>
internal static class SqliteConnections
{
    static SqliteConnections() => SQLitePCL.Batteries_V2.Init();

    /// <summary>
    /// Opens a connection in WAL mode with <c>synchronous=FULL</c> (a commit is on disk before it returns, so an acknowledged
    /// write survives a crash or power loss) and a busy timeout, so writers from several processes queue instead of failing.
    /// </summary>
    public static SqliteConnection Open(SqliteStorageOptions options)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Our own reader and writer objects keep their connections; a pool would keep a failed writer's transaction alive.
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var busyMs = (long)options.BusyTimeout.TotalMilliseconds;
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMs}"));
            using (var command = new SqliteCommand("PRAGMA journal_mode = WAL", connection))
            {
                if (command.ExecuteScalar() is not string mode || !mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageException("The SQLite database could not be switched to WAL mode.");
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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
