namespace Actors.Runtime.Tests.TestGrains;

public sealed class CounterState
{
    public int Value { get; set; }

    public string? Note { get; set; }
}

public interface IStateGrain : IGrainWithStringKey
{
    Task<int> Add(int delta);

    [ReadOnly]
    Task<int> Get();

    [ReadOnly]
    Task<long> GetVersion();

    Task Clear();
}

public sealed class StateGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IStateGrain
{
    public async Task<int> Add(int delta)
    {
        state.State.Value += delta;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<long> GetVersion() => Task.FromResult(state.Version);

    public Task Clear() => state.ClearStateAsync();
}
