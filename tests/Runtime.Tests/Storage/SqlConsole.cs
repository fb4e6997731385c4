using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Actors.Runtime.Tests.Storage;

/// <summary>Runs SQL on a test database outside the provider under test, as an operator at a SQL console would.</summary>
internal static class SqlConsole
{
    public static Task ExecuteAsync(SqliteStorageOptions database, string sql)
    {
        using var connection = SqliteConnections.Open(database);
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public static Task<long> ScalarAsync(SqliteStorageOptions database, string sql)
    {
        using var connection = SqliteConnections.Open(database);
        using var command = new SqliteCommand(sql, connection);
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
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
