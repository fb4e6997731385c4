using Actors.Providers.Storage;

using Microsoft.Extensions.Logging;
using Npgsql;

namespace Actors.Providers.Schema;

/// <summary>
/// Applies missing migrations to a PostgreSQL database in one transaction. A transaction-scoped advisory lock makes silos that
/// start at once take turns: the first applies, the others then find nothing pending.
/// </summary>
internal static class PostgresMigrator
{
    // Any constant works as long as every silo uses the same one; this is "actors" in ASCII followed by 1.
    private const long LockKey = 0x6163746F72730001;

    private const string CreateHistorySql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version bigint PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Opens a connection from the data source and applies the migrations; database errors become <see cref="StorageUnavailableException"/>.</summary>
    public static async Task ApplyAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await ApplyAsync(connection, migrations, logger, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw StorageFailure.Postgres("migrate the schema of", ex);
        }
    }

    public static async Task ApplyAsync(
        NpgsqlConnection connection, IReadOnlyList<Migration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, CreateHistorySql, cancellationToken);
        var pending = SchemaMigrations.Pending(migrations, await ReadAppliedAsync(connection, transaction, cancellationToken), "PostgreSQL");
        foreach (var migration in pending)
        {
            await ExecuteAsync(connection, transaction, migration.PostgresSql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var migration in pending)
        {
            MigrationLog.Applied(logger, migration.Version, migration.Name, "postgres");
        }
    }

    private static async Task<List<long>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
