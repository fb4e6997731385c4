using Actors.Providers.Tables;
using Actors.Providers.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Actors.Providers.Tests.Membership.Stores;

/// <summary>A database of its own on the test run's PostgreSQL server.</summary>
public sealed class PostgresTestStore(string connectionString) : TestStore
{
    public string ConnectionString => connectionString;

    public override IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = connectionString,
    };

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal override async Task MigrateToAsync(int version)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PostgresMigrator.ApplyAsync(connection, MigrationsUpTo(version), NullLogger.Instance, CancellationToken.None);
    }

    internal override TableDatabase CreateDatabase() => new PostgresTableDatabase(connectionString);
}
