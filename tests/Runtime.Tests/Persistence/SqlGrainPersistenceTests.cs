using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;
using Actors.Runtime.Testing.Postgres;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>The grain persistence suite on SQLite: a fresh database file per test.</summary>
public sealed class SqliteGrainPersistenceTests : GrainPersistenceTests
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actors-persistence-");
    private readonly List<IDisposable> _opened = [];

    protected override IGrainStorage OpenStorage()
    {
        var storage = new SqliteGrainStorage(SqliteStorageOptions.InFolder(_folder.FullName));
        _opened.Add(storage);
        return storage;
    }

    public override Task DisposeAsync()
    {
        _opened.ForEach(s => s.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The grain persistence suite on the run's private PostgreSQL server: a fresh database per test.</summary>
public sealed class PostgresGrainPersistenceTests : GrainPersistenceTests
{
    private readonly List<IAsyncDisposable> _opened = [];
    private string _connectionString = string.Empty;

    public override async Task InitializeAsync() =>
        _connectionString = await PostgresServer.Shared.CreateDatabaseAsync($"persist_{Guid.NewGuid():N}");

    protected override IGrainStorage OpenStorage()
    {
        var storage = new PostgresGrainStorage(new PostgresStorageOptions { ConnectionString = _connectionString });
        _opened.Add(storage);
        return storage;
    }

    public override async Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            await storage.DisposeAsync();
        }
    }
}
