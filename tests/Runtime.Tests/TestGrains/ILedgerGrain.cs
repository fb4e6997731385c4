namespace Actors.Runtime.Tests.TestGrains;

public sealed class LedgerState
{
    public long Total { get; set; }

    public HashSet<string> Applied { get; set; } = [];
}

/// <summary>A durable counter whose increments carry an operation id, so a retried increment counts once.</summary>
public interface ILedgerGrain : IGrainWithStringKey
{
    Task<long> Add(string operationId, long amount);

    Task<long> Total();
}

public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain
{
    public async Task<long> Add(string operationId, long amount)
    {
        if (!state.State.Applied.Add(operationId))
        {
            return state.State.Total;
        }

        state.State.Total += amount;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle(); // memory holds an uncommitted change: the next call reads what storage holds
            throw;
        }

        return state.State.Total;
    }

    public Task<long> Total() => Task.FromResult(state.State.Total);
}
