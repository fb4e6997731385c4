using Actors.Testing.Postgres;

namespace Actors.Providers.Tests.Membership.Stores;

/// <summary>Databases of one test class on the run's shared PostgreSQL server, a new one per test.</summary>
public sealed class PostgresStores
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..10];
    private int _count;

    /// <summary>A new, empty database.</summary>
    public async Task<TestStore> CreateAsync()
    {
        var name = $"{_prefix}_{Interlocked.Increment(ref _count)}";
        return new PostgresTestStore(await PostgresServer.Shared.CreateDatabaseAsync(name));
    }
}
