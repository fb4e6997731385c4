using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Actors.Providers.Schema;

/// <summary>Applies missing migrations to a SQLite database, one process at a time (BEGIN IMMEDIATE takes the write lock).</summary>
internal static class SqliteMigrator
{
    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """;

    public static void Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations, ILogger logger)
    {
        IReadOnlyList<Migration> pending;
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            Execute(connection, transaction, CreateHistorySql);
            pending = SchemaMigrations.Pending(migrations, ReadApplied(connection, transaction), "SQLite");
            foreach (var migration in pending)
            {
                Execute(connection, transaction, migration.SqliteSql);
                using var record = new SqliteCommand("INSERT INTO schema_migrations (version, name) VALUES ($version, $name)", connection, transaction);
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        foreach (var migration in pending)
        {
            MigrationLog.Applied(logger, migration.Version, migration.Name, "sqlite");
        }
    }

    private static List<long> ReadApplied(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = new SqliteCommand("SELECT version FROM schema_migrations", connection, transaction);
        using var reader = command.ExecuteReader();
        var versions = new List<long>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
