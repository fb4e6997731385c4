using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Diagnostics;

namespace Actors.Grains.Diagnostics;

/// <summary>The durable, idempotent counter. An increment is acknowledged only after it is committed.</summary>
[GrainType("counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _recent.UnionWith(state.State.RecentOperations);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<long> Add(string operationId, long delta)
    {
        if (string.IsNullOrEmpty(operationId) || operationId.Length > CounterLimits.MaxOperationIdLength)
        {
            throw RequestRejectedException.Invalid(nameof(operationId), $"An operation id is 1 to {CounterLimits.MaxOperationIdLength} characters.");
        }
        if (_recent.Contains(operationId))
        {
            return state.State.Value;
        }

        var recent = state.State.RecentOperations;
        state.State.Value = checked(state.State.Value + delta);
        recent.Add(operationId);
        _recent.Add(operationId);
        if (recent.Count > CounterLimits.RememberedOperations)
        {
            _recent.Remove(recent[0]);
            recent.RemoveAt(0);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory now holds an uncommitted change: drop this activation so the next call reads what storage holds.
            DeactivateOnIdle();
            throw;
        }

        return state.State.Value;
    }

    /// <inheritdoc />
    public Task<long> Get() => Task.FromResult(state.State.Value);
}
