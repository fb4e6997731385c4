using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

/// <summary>
/// The contract of the stores under the grain storage (versions, tombstones, batches), run against every provider by a
/// subclass per provider. Tests of one class share the database "main" and keep apart by keys unique to the test.
/// </summary>
public abstract partial class StateStoreTests : IAsyncLifetime
{
    private protected const string MainDatabase = "main";
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private StoreHarness? _harness;

    private protected StoreHarness Harness => _harness ?? throw new InvalidOperationException("The test has not started.");

    /// <summary>A store on the class's main database, initialized.</summary>
    private protected IStateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        Store = await Harness.OpenAsync(MainDatabase);
        await Store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>The provider under test, for one test.</summary>
    private protected abstract StoreHarness CreateHarness();

    /// <summary>A database name that belongs to one test only.</summary>
    private protected string FreshDatabase(string name) => $"{name}_{_run}";

    private protected StateKey Key(string name, string stateName = "state") => new("test.grain", $"{name}-{_run}", stateName);

    private protected static StateWrite Write(StateKey key, byte[]? data, long expectedVersion) =>
        data is null ? StateWrite.Clear(key, expectedVersion) : StateWrite.Put(key, data, expectedVersion);

    private protected Task<StoredState?> ReadAsync(StateKey key) => Store.ReadAsync(key, CancellationToken.None);

    private protected Task WriteAsync(params StateWrite[] writes) => Store.WriteBatchAsync(writes, CancellationToken.None);

    /// <summary>Writes, and fails the test unless every write committed.</summary>
    private protected async Task CommitAsync(params StateWrite[] writes)
    {
        await WriteAsync(writes);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
    }

    private protected async Task AssertStoredAsync(StateKey key, byte[]? data, long version)
    {
        var stored = await ReadAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(data, stored.Data);
        Assert.Equal(version, stored.Version);
    }

    private protected static byte[] Bytes(params byte[] bytes) => bytes;
}
