using Actors.Providers.Storage;
using Orleans;
using Orleans.Runtime;

namespace Actors.Providers.Tests.Storage;

/// <summary>
/// The Orleans <c>IGrainStorage</c> contract of the providers (state, ETags, tombstones, conflicts, payloads), run against every
/// provider by a subclass per provider, composed as production composes it (the SQL stores behind the group committer).
/// </summary>
public abstract partial class GrainStorageTests : IAsyncLifetime
{
    private protected const string MainDatabase = "main";
    private protected const string GrainType = "test-state";
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private StoreHarness? _harness;

    private protected StoreHarness Harness => _harness ?? throw new InvalidOperationException("The test has not started.");

    /// <summary>The store under <see cref="Storage"/>, on the class's main database.</summary>
    private protected IStateStore Store { get; private set; } = null!;

    /// <summary>The grain storage under test.</summary>
    private protected GrainStateStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        Store = await Harness.OpenAsync(MainDatabase);
        Storage = Harness.Storage(Store);
        await Storage.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private protected abstract StoreHarness CreateHarness();

    /// <summary>A database name that belongs to one test only.</summary>
    private protected string FreshDatabase(string name) => $"{name}_{_run}";

    private protected GrainId Grain(string name) => GrainId.Create(GrainType, $"{name}-{_run}");

    private protected static StateKey KeyOf(GrainId grain, string stateName = "state") => StateKey.Of(grain, stateName);

    private protected async Task<TestGrainState> ReadAsync(GrainId grain, string stateName = "state")
    {
        var state = new TestGrainState();
        await Storage.ReadStateAsync(stateName, grain, state, CancellationToken.None);
        return state;
    }

    private protected Task WriteAsync(GrainId grain, TestGrainState state, string stateName = "state") =>
        Storage.WriteStateAsync(stateName, grain, state, CancellationToken.None);

    /// <summary>A copy of what a second activation holding the same read would have.</summary>
    private protected static TestGrainState Copy(TestGrainState state, long balance) =>
        new(new TestState { Balance = balance }, state.ETag) { RecordExists = state.RecordExists };
}
