using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Migrations;

namespace Actors.Runtime.Tests.Storage;

/// <summary>The contract of <see cref="IGrainStorage"/>, run against every provider by a subclass per provider.</summary>
public abstract partial class GrainStorageTests : IAsyncLifetime
{
    private const string MainDatabase = "main";
    private readonly List<IGrainStorage> _opened = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    /// <summary>A store on the shared database of the test class, initialized.</summary>
    protected IGrainStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await OpenAsync(MainDatabase);
        await Storage.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        foreach (var storage in _opened)
        {
            ((IDisposable)storage).Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates a provider instance on the named database of this test class; the database is created when new.</summary>
    private protected abstract Task<IGrainStorage> CreateAsync(string database, IReadOnlyList<Migration> migrations);

    /// <summary>Runs a statement on the named database outside the provider.</summary>
    protected abstract Task ExecuteAsync(string database, string sql);

    /// <summary>Runs a query returning one integer on the named database outside the provider.</summary>
    protected abstract Task<long> ScalarAsync(string database, string sql);

    /// <summary>Makes every insert of the given grain key fail inside the database, as a stand-in for a failing transaction.</summary>
    protected abstract Task FailInsertsOfKeyAsync(string database, string grainKey);

    private async Task<IGrainStorage> OpenAsync(string database, IReadOnlyList<Migration>? migrations = null)
    {
        var storage = await CreateAsync(database, migrations ?? SchemaMigrations.All);
        if (storage is not IDisposable)
        {
            throw new InvalidOperationException($"{storage.GetType().Name} holds connections and must be IDisposable.");
        }

        _opened.Add(storage);
        return storage;
    }

    /// <summary>A database name that belongs to one test only.</summary>
    private string FreshDatabase(string name) => $"{name}_{_run}";

    private GrainId Grain(string name) => GrainId.Create("test.grain", $"{name}-{_run}");

    private static StateWrite Write(GrainId grain, byte[]? data, long expectedVersion, string stateName = "state") =>
        data is null ? StateWrite.Clear(grain, stateName, expectedVersion) : StateWrite.Put(grain, stateName, data, expectedVersion);

    private Task<StoredState?> ReadAsync(GrainId grain, string stateName = "state") =>
        Storage.ReadAsync(grain, stateName, CancellationToken.None);

    private async Task WriteAsync(params StateWrite[] writes) => await Storage.WriteBatchAsync(writes, CancellationToken.None);

    /// <summary>Writes, and fails the test unless every write committed.</summary>
    private async Task CommitAsync(params StateWrite[] writes)
    {
        await WriteAsync(writes);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
    }

    private async Task AssertStoredAsync(GrainId grain, byte[]? data, long version, string stateName = "state")
    {
        var stored = await ReadAsync(grain, stateName);
        Assert.NotNull(stored);
        Assert.Equal(data, stored.Data);
        Assert.Equal(version, stored.Version);
    }

    private static byte[] Bytes(params byte[] bytes) => bytes;
}
