using Actors.Providers.Tables;
using Actors.Providers.Storage.Sqlite;
using Actors.Providers.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Tests.Membership.Stores;

/// <summary>A SQLite database file in a folder of its own.</summary>
public sealed class SqliteTestStore(string folder) : TestStore
{
    private string DatabasePath => Path.Combine(folder, SqliteStoreOptions.DefaultFileName);

    public override IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "sqlite",
        ["Storage:Path"] = folder,
    };

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new SqliteCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal override async Task MigrateToAsync(int version)
    {
        await using var connection = await OpenConnectionAsync();
        SqliteMigrator.Apply(connection, MigrationsUpTo(version), NullLogger.Instance);
    }

    internal override TableDatabase CreateDatabase() => new SqliteTableDatabase(DatabasePath, TimeSpan.FromSeconds(30));

    private async Task<SqliteConnection> OpenConnectionAsync()
    {
        Directory.CreateDirectory(folder);
        var settings = new SqliteConnectionStringBuilder { DataSource = DatabasePath, DefaultTimeout = 30 };
        var connection = new SqliteConnection(settings.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
