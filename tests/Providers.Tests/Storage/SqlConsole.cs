using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Providers.Tests.Storage;

/// <summary>Runs SQL on a test database outside the store under test, as an operator at a SQL console would.</summary>
internal static class SqlConsole
{
    private const string PutRowSql = """
        INSERT INTO grain_state (grain_type, grain_key, state_name, version, data) VALUES (@type, @key, @name, @version, @data)
        ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET version = excluded.version, data = excluded.data
        """;

    public static Task ExecuteAsync(SqliteStoreOptions database, string sql)
    {
        using var connection = SqliteConnections.Open(database);
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public static Task<long> ScalarAsync(SqliteStoreOptions database, string sql)
    {
        using var connection = SqliteConnections.Open(database);
        using var command = new SqliteCommand(sql, connection);
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>Puts a row as any version of the software could have written it.</summary>
    public static Task PutRowAsync(SqliteStoreOptions database, StateKey key, byte[]? data, long version)
    {
        using var connection = SqliteConnections.Open(database);
        using var command = new SqliteCommand(PutRowSql, connection);
        command.Parameters.AddWithValue("@type", key.GrainType);
        command.Parameters.AddWithValue("@key", key.GrainKey);
        command.Parameters.AddWithValue("@name", key.StateName);
        command.Parameters.AddWithValue("@version", version);
        command.Parameters.Add("@data", SqliteType.Blob).Value = (object?)data ?? DBNull.Value;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public static async Task ExecuteAsync(string postgresConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(postgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string postgresConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(postgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task PutRowAsync(string postgresConnectionString, StateKey key, byte[]? data, long version)
    {
        await using var connection = new NpgsqlConnection(postgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(PutRowSql, connection);
        command.Parameters.AddWithValue("type", key.GrainType);
        command.Parameters.AddWithValue("key", key.GrainKey);
        command.Parameters.AddWithValue("name", key.StateName);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("data", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = data });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A PostgreSQL connection string naming a port of 127.0.0.1 that nothing listens on, with a short connect timeout.</summary>
    public static string UnreachablePostgres()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        return $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=2";
    }
}
