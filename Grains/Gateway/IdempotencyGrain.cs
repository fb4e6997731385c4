using Actors.Grains.Interfaces.Gateway;
using Actors.Grains.Persistence;

namespace Actors.Grains.Gateway;

/// <summary>
/// The idempotency record grain: a key is free, then held by the silo running its request (renewing a short lease), then
/// released (the attempt failed, a retry resumes it), forgotten (the request was refused, the key is free again) or completed
/// (its response is kept), until the record's lifetime ends.
/// </summary>
/// <remarks>
/// A retry takes a held claim over when the holder is dead in this silo's view of the membership (a SIGKILLed silo is declared
/// dead within the failover time) or its lease has run out (a holder that is alive but no longer renews). The epoch stays the
/// record's, so the retry runs under the first attempt's operation id and the grains underneath give the request one effect.
/// </remarks>
[GrainType("idempotency")]
public sealed class IdempotencyGrain(
    [PersistentState("idempotency")] IPersistentState<IdempotencyState> state, ISiloStatusOracle membership, TimeProvider time)
    : Grain, IIdempotencyGrain
{
    /// <inheritdoc />
    public async Task<IdempotencyClaim> Begin(string fingerprint, SiloAddress claimant, TimeSpan lease, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentNullException.ThrowIfNull(claimant);
        var now = time.GetUtcNow();
        var record = state.State;
        if (record.Fingerprint is null || now - record.CreatedAt >= lifetime)
        {
            // A new use of the key, under a new epoch: later than any before it, even on a clock that did not move.
            record.Fingerprint = fingerprint;
            record.CreatedAt = now > record.CreatedAt ? now : record.CreatedAt.AddTicks(1);
            record.Response = null;
            return await ClaimAsync(claimant, now, takenOverFrom: null);
        }

        var epoch = record.CreatedAt.UtcTicks;
        if (record.Fingerprint != fingerprint)
        {
            return new(IdempotencyOutcome.Conflict, null, epoch);
        }

        if (record.Response is { } response)
        {
            return new(IdempotencyOutcome.Replay, response, epoch);
        }

        var holder = record.HolderAddress;
        if (holder is not null && now - record.ClaimedAt < lease && !membership.IsDeadSilo(holder))
        {
            return new(IdempotencyOutcome.InProgress, null, epoch);
        }

        // Released, or held by an attempt that died with its silo or stopped renewing: this attempt resumes the request.
        return await ClaimAsync(claimant, now, takenOverFrom: holder);
    }

    /// <inheritdoc />
    public async Task<bool> Renew(string fingerprint, SiloAddress claimant)
    {
        if (!Holds(fingerprint, claimant))
        {
            return false;
        }

        state.State.ClaimedAt = time.GetUtcNow();
        await state.WriteOrResetAsync(this);
        return true;
    }

    /// <inheritdoc />
    public async Task Complete(string fingerprint, StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (state.State.Fingerprint == fingerprint && state.State.Response is null)
        {
            state.State.Response = response;
            state.State.Holder = null;
            await state.WriteOrResetAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task Release(string fingerprint, SiloAddress claimant)
    {
        if (Holds(fingerprint, claimant))
        {
            state.State.Holder = null;
            await state.WriteOrResetAsync(this);
        }
    }

    /// <inheritdoc />
    public async Task Forget(string fingerprint, SiloAddress claimant)
    {
        if (Holds(fingerprint, claimant))
        {
            // The epoch (CreatedAt) stays, so the next use of the key gets a later one.
            state.State.Fingerprint = null;
            state.State.Holder = null;
            await state.WriteOrResetAsync(this);
        }
    }

    private bool Holds(string fingerprint, SiloAddress claimant) =>
        state.State.Fingerprint == fingerprint && state.State.Response is null && claimant.Equals(state.State.HolderAddress);

    private async Task<IdempotencyClaim> ClaimAsync(SiloAddress claimant, DateTimeOffset now, SiloAddress? takenOverFrom)
    {
        state.State.Holder = claimant.ToParsableString();
        state.State.ClaimedAt = now;
        await state.WriteOrResetAsync(this);
        return new(IdempotencyOutcome.Claimed, null, state.State.CreatedAt.UtcTicks, takenOverFrom);
    }
}
