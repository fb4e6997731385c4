using Actors.Grains.Interfaces.Gateway;
using Actors.Runtime;

namespace Actors.Grains.Gateway;

/// <summary>The idempotency record grain: a claim, then the response, until the record's lifetime ends.</summary>
public sealed class IdempotencyGrain([PersistentState("idempotency")] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyGrain
{
    /// <inheritdoc />
    public async Task<IdempotencyClaim> Begin(string fingerprint, TimeSpan lease, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var now = TimeProvider.GetUtcNow();
        var record = state.State;
        var live = record.Fingerprint is not null && now - record.CreatedAt < lifetime
            && (record.Response is not null || now - record.ClaimedAt < lease);
        if (live)
        {
            var epoch = record.CreatedAt.UtcTicks;
            return record.Fingerprint != fingerprint ? new(IdempotencyOutcome.Conflict, null, epoch)
                : record.Response is { } response ? new(IdempotencyOutcome.Replay, response, epoch)
                : new(IdempotencyOutcome.InProgress, null, epoch);
        }

        if (record.Fingerprint != fingerprint || now - record.CreatedAt >= lifetime)
        {
            record.CreatedAt = now;
        }

        record.Fingerprint = fingerprint;
        record.ClaimedAt = now;
        record.Response = null;
        await WriteStateOrResetAsync(state);
        return new(IdempotencyOutcome.Claimed, null, record.CreatedAt.UtcTicks);
    }

    /// <inheritdoc />
    public async Task Complete(string fingerprint, StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (state.State.Fingerprint == fingerprint)
        {
            state.State.Response = response;
            await WriteStateOrResetAsync(state);
        }
    }

    /// <inheritdoc />
    public async Task Release(string fingerprint)
    {
        if (state.State.Fingerprint == fingerprint && state.State.Response is null)
        {
            state.State.Fingerprint = null;
            await WriteStateOrResetAsync(state);
        }
    }
}

/// <summary>The idempotency record's stored state.</summary>
public sealed class IdempotencyState
{
    /// <summary>The fingerprint of the request that holds the key; null when free.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>When the record began (its lifetime counts from here).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key was last claimed.</summary>
    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>The response, once the request completed.</summary>
    public StoredResponse? Response { get; set; }
}
