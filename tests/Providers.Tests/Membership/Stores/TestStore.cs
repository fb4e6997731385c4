using Actors.Providers.Tables;
using Actors.Providers.Schema;

namespace Actors.Providers.Tests.Membership.Stores;

/// <summary>
/// One empty database of a test, on SQLite or PostgreSQL. <see cref="Open"/> gives a new <see cref="TableDatabase"/> with
/// connections of its own, as another silo process would have; all are closed with the store.
/// </summary>
public abstract class TestStore : IAsyncDisposable
{
    private readonly List<TableDatabase> _opened = [];

    /// <summary>The <c>Storage</c> section that points a silo at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> StorageSettings { get; }

    /// <summary>Runs a statement outside the providers.</summary>
    public abstract Task ExecuteAsync(string sql);

    /// <summary>Runs a query giving one integer outside the providers.</summary>
    public abstract Task<long> ScalarAsync(string sql);

    public async ValueTask DisposeAsync()
    {
        TableDatabase[] opened;
        lock (_opened)
        {
            opened = [.. _opened];
        }

        foreach (var database in opened)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal TableDatabase Open()
    {
        var database = CreateDatabase();
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    /// <summary>Applies the migrations up to <paramref name="version"/> only, as an older build would have.</summary>
    internal abstract Task MigrateToAsync(int version);

    internal abstract TableDatabase CreateDatabase();

    private protected static IReadOnlyList<Migration> MigrationsUpTo(int version) =>
        [.. SchemaMigrations.All.Where(m => m.Version <= version)];
}
