using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Actors.Providers.Storage.Memory;

namespace Actors.Providers.Tests.Storage;

/// <summary>Memory stores: a database name is one store instance, which every store opened on that name is.</summary>
internal sealed class MemoryStoreHarness : StoreHarness
{
    private readonly Dictionary<string, MemoryStateStore> _databases = [];

    public override bool GroupCommits => false;

    public override Task PutRowAsync(string database, StateKey key, byte[]? data, long version)
    {
        Database(database).Overwrite(key, data, version);
        return Task.CompletedTask;
    }

    protected override Task<IStateStore> CreateAsync(string database, IReadOnlyList<Migration> migrations) =>
        Task.FromResult<IStateStore>(Database(database));

    private MemoryStateStore Database(string name)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(name, out var store))
            {
                _databases[name] = store = new MemoryStateStore();
            }

            return store;
        }
    }
}
