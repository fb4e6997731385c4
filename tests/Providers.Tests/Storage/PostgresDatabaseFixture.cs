using System.Collections.Concurrent;
using Actors.Testing.Postgres;

namespace Actors.Providers.Tests.Storage;

/// <summary>Databases of one test class on the run's shared PostgreSQL server, created on first use.</summary>
public sealed class PostgresDatabaseFixture
{
    private readonly string _prefix = "s" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();

    public Task<string> ConnectionStringAsync(string database) =>
        _databases.GetOrAdd(database, name => new(() => PostgresServer.Shared.CreateDatabaseAsync($"{_prefix}_{name}"))).Value;
}
