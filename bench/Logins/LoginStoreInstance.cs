using Actors.Providers.Hosting;
using Actors.Providers.Logins;
using Actors.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Actors.Benchmarks.Logins;

/// <summary>
/// A login store registered as the silo registers it (<see cref="ActorsProvidersExtensions.AddActorsLoginStore"/>): SQLite in
/// a temporary folder, or a database on the run's private PostgreSQL server. A closed store can be copied (the folder, or
/// CREATE DATABASE ... TEMPLATE), so that one fill serves two scenarios.
/// </summary>
internal sealed class LoginStoreInstance : IAsyncDisposable
{
    private readonly string _provider;
    private readonly string? _folder;
    private readonly string? _database;
    private ServiceProvider? _services;

    private LoginStoreInstance(string provider, string? folder, string? database)
    {
        _provider = provider;
        _folder = folder;
        _database = database;
    }

    /// <summary>The store, opened on first use after creation or <see cref="CloseAsync"/>.</summary>
    public ILoginRecordStore Store => (_services ??= Open()).GetRequiredService<ILoginRecordStore>();

    public static async Task<LoginStoreInstance> CreateAsync(string provider) => provider == "postgres"
        ? new LoginStoreInstance(provider, null, await PostgresServer.Shared.CreateDatabaseAsync(NewName()))
        : new LoginStoreInstance(provider, Directory.CreateTempSubdirectory("actors-logins-bench-").FullName, null);

    /// <summary>Closes the store's connections; the next use of <see cref="Store"/> opens it again.</summary>
    public async Task CloseAsync()
    {
        if (_services is { } services)
        {
            _services = null;
            await services.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A copy of this store, closed first, with everything it holds.</summary>
    public async Task<LoginStoreInstance> CopyAsync()
    {
        await CloseAsync();
        if (_database is null)
        {
            var folder = Directory.CreateTempSubdirectory("actors-logins-bench-").FullName;
            foreach (var file in Directory.GetFiles(_folder!))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            return new LoginStoreInstance(_provider, folder, null);
        }

        var name = NewName();
        await using var connection = new NpgsqlConnection(PostgresServer.Shared.ConnectionString);
        await connection.OpenAsync();
        var source = new NpgsqlConnectionStringBuilder(_database).Database;
        // Identifiers cannot be parameters; both names are made here.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new LoginStoreInstance(_provider, null, new NpgsqlConnectionStringBuilder(_database) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ServiceProvider Open()
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = _provider };
        if (_database is not null)
        {
            settings["Storage:ConnectionString"] = _database;
        }
        else
        {
            settings["Storage:Path"] = _folder;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddActorsLoginStore(configuration).BuildServiceProvider();
    }

    private static string NewName() => $"logins_{Guid.NewGuid():N}";
}
