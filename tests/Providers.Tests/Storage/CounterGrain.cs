namespace Actors.Providers.Tests.Storage;

/// <summary>Keeps its total in the default storage, as the project's grains keep theirs.</summary>
[GrainType("test-counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> Get() => Task.FromResult(state.State.Total);

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task<Guid> GetActivationId() => Task.FromResult(_activationId);

    public Task Clear() => state.ClearStateAsync();
}
