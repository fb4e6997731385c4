using Actors.Providers.Schema;
using Actors.Providers.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Tests.Storage;

/// <summary>
/// One provider's stores for one test: opens stores on named databases (two stores on one name share its records, as silos
/// sharing a database do) and disposes everything it opened when the test ends.
/// </summary>
internal abstract class StoreHarness : IAsyncDisposable
{
    private readonly List<object> _opened = [];

    /// <summary>Whether production puts a group committer in front of this store (the SQL stores).</summary>
    public abstract bool GroupCommits { get; }

    /// <summary>A store on the named database; the database is created when new. Not initialized.</summary>
    public async Task<IStateStore> OpenAsync(string database, IReadOnlyList<Migration>? migrations = null)
    {
        var store = await CreateAsync(database, migrations ?? SchemaMigrations.All);
        _opened.Add(store);
        return store;
    }

    /// <summary>The Orleans grain storage over the store, composed as production composes it for this provider.</summary>
    public GrainStateStorage Storage(IStateStore store, int maxBatchSize = 1000)
    {
        GroupCommitter? committer = null;
        if (GroupCommits)
        {
            committer = new GroupCommitter(store, maxBatchSize, 2, 100_000, new StorageMetrics(null), NullLogger.Instance);
            _opened.Add(committer);
        }

        return new GrainStateStorage("test", store, committer, activators: null, NullLogger.Instance);
    }

    /// <summary>Puts a record as any version of the software could have written it, bypassing the store.</summary>
    public abstract Task PutRowAsync(string database, StateKey key, byte[]? data, long version);

    /// <summary>Creates a store on the named database.</summary>
    protected abstract Task<IStateStore> CreateAsync(string database, IReadOnlyList<Migration> migrations);

    public async ValueTask DisposeAsync()
    {
        // Committers first: they drain into their stores.
        foreach (var opened in _opened.OrderBy(o => o is GroupCommitter ? 0 : 1))
        {
            switch (opened)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
