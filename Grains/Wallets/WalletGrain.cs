using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.Extensions.Options;
using Actors.Grains.Interfaces;
using Actors.Grains.Persistence;
using Actors.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Wallets;

/// <summary>
/// The wallet grain. A pool operation runs as a small saga: the wallet stores its intent, the pool applies it and keeps the
/// result, the wallet stores the result (settling its position at the pool's index) and then lets the pool forget it. A
/// wallet that failed between the steps finishes the stored intent before its next operation, and the pool answers the
/// repeat with the result it kept: the operation counts once on both sides.
/// </summary>
/// <remarks>
/// Once the pool's write holds an operation, its outcome is decided (a retry after any failure gets the same result from the
/// pool), so the caller is answered then: the wallet's write of the result and the confirmation to the pool run after the
/// answer ("settling"), and every later call of the wallet, and every later write, waits for them first. The pool is told
/// to forget an operation only once the wallet's result is stored.
/// </remarks>
/// <remarks>
/// The grain is split by concern: this file holds staking; <c>WalletGrain.Control.cs</c> the owner, guardians, freeze, nonce
/// and rate limit; <c>WalletGrain.Nfts.cs</c> token holdings, operators and dividends.
/// </remarks>
[GrainType("wallet")]
public sealed partial class WalletGrain(
    [PersistentState("wallet")] IPersistentState<WalletState> state, IOptions<WalletOptions> options, TimeProvider time,
    ILogger<WalletGrain> logger) : Grain, IWalletGrain, IIncomingGrainCallFilter
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>Operation ids whose results the wallet remembers, to answer repeats.</summary>
    public const int RememberedOperations = 256;

    private SensitiveOperationLimiter _limiter;
    private Task _settling = Task.CompletedTask;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = ParseKey(GrainKey);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _settling.WaitAsync(cancellationToken);
        }
        catch (Exception)
        {
            // Stored intent and confirmations are finished by the next activation.
        }
    }

    /// <summary>Every call waits until the last operation's result is stored and confirmed.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await SettledAsync();
        await context.Invoke();
    }

    // Waits for the last result's write and confirmation. When that write failed (after its caller was answered), memory
    // holds a change that storage may lack: the wallet starts again from what storage holds, the stored intent, which its
    // next operation finishes with the result the pool kept.
    private async Task SettledAsync()
    {
        try
        {
            await _settling;
        }
        catch (Exception)
        {
            await state.ReadStateAsync();
            _settling = Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<PositionView> Stake(string operationId, string poolId, UInt256 amount) =>
        ChangeStakeAsync(operationId, poolId, amount, "stake");

    // Staking moves value into the wallet's own position, not out of the wallet, so a freeze does not stop it; the rate limit does.

    /// <inheritdoc />
    public Task<PositionView> Unstake(string operationId, string poolId, UInt256 amount) =>
        ChangeStakeAsync(operationId, poolId, amount, "unstake");

    /// <inheritdoc />
    public async Task<ClaimView> Claim(string operationId, string poolId)
    {
        Validate(operationId, poolId);
        if (Repeat<ClaimView>(operationId, "claim", poolId, "") is { } done)
        {
            return done;
        }

        if (!await ResumeAsync(operationId, "claim", poolId, ""))
        {
            Admit("a claim", blockedByFreeze: true);
            await FinishPendingAsync();
            var position = state.State.Positions.GetValueOrDefault(poolId)
                ?? throw new RequestRejectedException(PoolErrors.NoPosition, $"Wallet '{GrainKey}' has no position in pool '{poolId}'.");
            await RunAsync(new OperationRecord(operationId, "claim", ""), poolId, position, PoolOperationKind.Claim, position.Staked, position.Shares, debited: default);
        }

        return Completed<ClaimView>(operationId, "claim", poolId, "");
    }

    /// <inheritdoc />
    public async Task<WalletView> SetWeight(string operationId, uint weightBasisPoints)
    {
        Validate(operationId, poolId: null);
        var request = weightBasisPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Repeat<WalletView>(operationId, "weight", "", request) is { } done)
        {
            return done;
        }

        if (weightBasisPoints > WalletLimits.MaxWeightBasisPoints)
        {
            throw RequestRejectedException.Invalid(nameof(weightBasisPoints), $"A weight is at most {WalletLimits.MaxWeightBasisPoints} basis points.");
        }

        await FinishPendingAsync();
        state.State.WeightBasisPoints = weightBasisPoints;
        await WriteAsync();

        // Each position is re-checkpointed in its pool at the new weight (advance, settle, then change shares).
        await ReweighAsync();
        return await RememberAsync(operationId, "weight", "", request, Snapshot());
    }

    /// <inheritdoc />
    public Task FinishPendingOperations() => FinishPendingAsync();

    /// <inheritdoc />
    public Task<WalletView> Get() => Task.FromResult(Snapshot());

    /// <inheritdoc />
    public async Task<IReadOnlyList<PositionView>> GetPositionsAsOfNow()
    {
        var positions = state.State.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var infos = await Task.WhenAll(positions.Select(p => GrainFactory.GetGrain<IRewardPoolGrain>(p.Key).GetInfo()));
        return [.. positions.Select((p, i) =>
        {
            var pending = RewardPoolMath.PendingScaled(
                new StakePosition { Shares = p.Value.Shares, IndexPaid = p.Value.IndexPaid, AccruedScaled = p.Value.AccruedScaled }, infos[i].Index);
            return new PositionView(p.Key, p.Value.Staked, p.Value.Shares, p.Value.IndexPaid, pending / RewardMath.Scale, pending);
        })];
    }

    // Stake and unstake: the same saga step, setting the staked amount (and so the effective shares). A stake moves the amount
    // out of the balance of the pool's stake asset when its intent is stored; an unstake moves it back once the pool applied it.
    private async Task<PositionView> ChangeStakeAsync(string operationId, string poolId, UInt256 amount, string kind)
    {
        Validate(operationId, poolId);
        var request = amount.ToString();
        if (Repeat<PositionView>(operationId, kind, poolId, request) is { } done)
        {
            return done;
        }

        if (amount.IsZero)
        {
            throw RequestRejectedException.Invalid(nameof(amount), $"An amount to {kind} must be more than zero.");
        }

        if (!await ResumeAsync(operationId, kind, poolId, request))
        {
            Admit($"an {kind}", blockedByFreeze: kind != "stake");
            await FinishPendingAsync();
            var position = await PositionInAsync(poolId);
            UInt256 staked;
            if (kind == "stake")
            {
                if (amount > RewardPoolMath.MaxAmount - position.Staked)
                {
                    throw RequestRejectedException.Invalid(nameof(amount), "A position holds at most 2^128-1 base units.");
                }

                var balance = BalanceOf(position.StakeAsset);
                if (balance < amount)
                {
                    throw new RequestRejectedException(
                        WalletErrors.InsufficientBalance, $"Wallet '{GrainKey}' holds {balance} {position.StakeAsset}, less than the {amount} to stake.");
                }

                staked = position.Staked + amount;
            }
            else
            {
                staked = position.Staked >= amount
                    ? position.Staked - amount
                    : throw new RequestRejectedException(
                        WalletErrors.InsufficientStake, $"Wallet '{GrainKey}' has {position.Staked} staked in pool '{poolId}', less than {amount}.");
            }

            await RunAsync(
                new OperationRecord(operationId, kind, request), poolId, position, PoolOperationKind.SetShares, staked,
                Effective(staked, state.State.WeightBasisPoints), debited: kind == "stake" ? amount : default);
        }

        return Completed<PositionView>(operationId, kind, poolId, request);
    }

    // The wallet's position in a pool, or a new one carrying the pool's assets; a pool that does not exist is refused here,
    // before anything changes.
    private async Task<PositionState> PositionInAsync(string poolId)
    {
        if (state.State.Positions.TryGetValue(poolId, out var position))
        {
            return position;
        }

        var info = await GrainFactory.GetGrain<IRewardPoolGrain>(poolId).GetInfo();
        return info.Exists
            ? new PositionState { StakeAsset = info.StakeAsset, RewardAsset = info.RewardAsset }
            : throw RequestRejectedException.Missing($"Pool '{poolId}' does not exist.");
    }

    private static UInt256 Effective(UInt256 staked, uint weightBasisPoints) =>
        UInt256.MulDivDown(staked, weightBasisPoints, WalletLimits.NeutralWeightBasisPoints);

    private static void Validate(string operationId, string? poolId)
    {
        OperationIds.Validate(operationId);
        if (poolId is not null)
        {
            _ = GrainId.Create("reward-pool", poolId); // the same rules as any grain key
        }
    }

    // Runs one pool operation as a saga step. A caller's operation (record) is remembered, with its result, in the same
    // write that stores the result, so that a retry finds it however the operation was finished; reweighing is internal.
    // What a stake draws from the balance (debited) leaves it in the same write that stores the intent.
    private async Task RunAsync(
        OperationRecord? record, string poolId, PositionState position, PoolOperationKind kind, UInt256 staked, UInt256 newShares, UInt256 debited)
    {
        var operationId = record?.OperationId ?? $"reweigh-{Guid.NewGuid():N}";
        var operation = new PoolOperation(GrainKey, operationId, kind, newShares);
        AddToBalance(position.StakeAsset, debited, subtract: true);
        state.State.Pending = new PendingOperation(poolId, operation, staked, record, debited, position.StakeAsset, position.RewardAsset);
        await WriteAsync();
        await CompleteAsync(state.State.Pending);
    }

    // Completes the stored intent when it is this very operation (a retry after a failure between the saga's steps);
    // returns false when the operation was not the pending one.
    private async Task<bool> ResumeAsync(string operationId, string kind, string poolId, string request)
    {
        if (state.State.Pending is not { } pending || pending.Operation.OperationId != operationId)
        {
            return false;
        }

        if (pending.PoolId != poolId || pending.Record != new OperationRecord(operationId, kind, request))
        {
            throw new RequestRejectedException(RequestRejectedException.OperationReused, $"Operation id '{operationId}' is under way for another request.");
        }

        await CompleteAsync(pending);
        return true;
    }

    // The result CompleteAsync remembered for a caller's operation.
    private T Completed<T>(string operationId, string kind, string poolId, string request) where T : class =>
        Repeat<T>(operationId, kind, poolId, request)
        ?? throw new InvalidOperationException($"Operation '{operationId}' completed but its result is not remembered.");

    private async Task FinishPendingAsync()
    {
        if (state.State.Pending is { } pending)
        {
            try
            {
                await CompleteAsync(pending);
            }
            catch (Exception refusal) when (IsFinalRefusal(refusal))
            {
                // An earlier operation the pool refused for good: it ended with no effect, and the one at hand goes on.
            }
        }

        await SettledAsync(); // a result is stored before its pool may forget it
        foreach (var confirmation in state.State.ToConfirm?.ToList() ?? [])
        {
            await GrainFactory.GetGrain<IRewardPoolGrain>(confirmation.PoolId).Confirm(GrainKey, confirmation.OperationId);
            Confirmed(confirmation);
        }

        await ReweighAsync();
    }

    // Brings every position's effective shares to staked * weight (after a weight change, or one interrupted by a failure).
    private async Task ReweighAsync()
    {
        foreach (var (poolId, position) in state.State.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            var shares = Effective(position.Staked, state.State.WeightBasisPoints);
            if (shares != position.Shares)
            {
                await RunAsync(record: null, poolId, position, PoolOperationKind.SetShares, position.Staked, shares, debited: default);
            }
        }
    }

    private async Task CompleteAsync(PendingOperation pending)
    {
        var pool = GrainFactory.GetGrain<IRewardPoolGrain>(pending.PoolId);
        PoolOperationResult result;
        try
        {
            result = await pool.Apply(pending.Operation);
        }
        catch (Exception refusal) when (IsFinalRefusal(refusal))
        {
            // The pool refused the operation for good and applied nothing (it refuses before it changes anything): the step
            // ends with no effect, what it drew from the balance goes back, and it is not replayed before every later
            // operation of the wallet.
            AddToBalance(pending.StakeAsset, pending.Debited, subtract: false);
            state.State.Pending = null;
            await WriteAsync();
            throw;
        }

        var position = state.State.Positions.GetValueOrDefault(pending.PoolId)
            ?? new PositionState { StakeAsset = pending.StakeAsset, RewardAsset = pending.RewardAsset };
        if (pending.Staked < position.Staked)
        {
            AddToBalance(position.StakeAsset, position.Staked - pending.Staked, subtract: false); // an unstake: back to the balance
        }

        // The wallet keeps the pool's record of the position as the pool answered it: the pool alone computes accruals.
        (position.Shares, position.IndexPaid, position.AccruedScaled) = (result.Position.Shares, result.Position.IndexPaid, result.Position.AccruedScaled);
        position.Staked = pending.Staked;
        state.State.Positions[pending.PoolId] = position;
        AddToBalance(position.RewardAsset, result.Paid, subtract: false);
        state.State.ClaimedRewards += result.Paid;
        state.State.Pending = null;
        var confirmation = new PendingConfirmation(pending.PoolId, pending.Operation.OperationId);
        (state.State.ToConfirm ??= []).Add(confirmation);
        if (pending.Record is { } record)
        {
            object view = record.Kind == "claim"
                ? new ClaimView(pending.PoolId, result.Paid, state.State.ClaimedRewards)
                : View(pending.PoolId);
            OperationLog.Add(state.State.Recent, RememberedOperations, record.OperationId, record.Kind, pending.PoolId, record.Request, view);
        }

        // Decided: the caller may be answered now. The result is stored, and then the pool may forget the operation, after
        // the answer; if the confirmation fails, the next operation sends it again.
        _settling = SettleAsync(pool, confirmation, pending, position);
    }

    private async Task SettleAsync(IRewardPoolGrain pool, PendingConfirmation confirmation, PendingOperation pending, PositionState position)
    {
        await WriteNowAsync();
        CountCompleted(pending, position);
        try
        {
            await pool.Confirm(GrainKey, confirmation.OperationId);
            Confirmed(confirmation);
        }
        catch (Exception error) when (error is SiloUnavailableException or TimeoutException or OrleansException)
        {
        }
    }

    // Counted once the result is stored: a caller's stake, unstake or claim (reweighing moves no value).
    private static void CountCompleted(PendingOperation pending, PositionState position)
    {
        switch (pending.Record?.Kind)
        {
            case "stake":
                ActorsMetrics.Staked(position.StakeAsset);
                break;
            case "unstake":
                ActorsMetrics.Unstaked(position.StakeAsset);
                break;
            case "claim":
                ActorsMetrics.Claimed(position.RewardAsset);
                break;
        }
    }

    // A pool that does not exist, a refused or out-of-range figure: the same operation would be refused again. Faults of the
    // cluster (a silo lost, a timeout, storage that did not answer) are not: the stored intent is finished later.
    private static bool IsFinalRefusal(Exception error) =>
        error is RequestRejectedException or ArgumentException or OverflowException;

    private T? Repeat<T>(string operationId, string kind, string target, string request) where T : class =>
        OperationLog.Find<T>(state.State.Recent, operationId, kind, target, request);

    // Records the operation's result with the state change it made: one write for both.
    private async Task<T> RememberAsync<T>(string operationId, string kind, string target, string request, T result)
    {
        OperationLog.Add(state.State.Recent, RememberedOperations, operationId, kind, target, request, result);
        await WriteAsync();
        return result;
    }

    // After the write of the last result, if it still runs: one write of the state at a time.
    private async Task WriteAsync()
    {
        await SettledAsync();
        await WriteNowAsync();
    }

    private Task WriteNowAsync()
    {
        if (state.State.CreatedAt == 0)
        {
            state.State.CreatedAt = Now;
        }

        return state.WriteOrResetAsync(this);
    }

    // Drops a confirmation in memory; the next write stores it (a confirmation sent twice changes nothing).
    private void Confirmed(PendingConfirmation confirmation)
    {
        state.State.ToConfirm?.Remove(confirmation);
        if (state.State.ToConfirm is { Count: 0 })
        {
            state.State.ToConfirm = null;
        }
    }

    private PositionView View(string poolId)
    {
        var position = state.State.Positions.GetValueOrDefault(poolId) ?? new PositionState();
        return new PositionView(poolId, position.Staked, position.Shares, position.IndexPaid, position.AccruedScaled / RewardMath.Scale, position.AccruedScaled);
    }

    private WalletView Snapshot() => new(
        GrainKey, Owner, [.. state.State.Guardians ?? []], state.State.Threshold, IsFrozen, [.. (state.State.FreezeReasons ?? []).Where(Holds)],
        state.State.Nonce, state.State.WeightBasisPoints, state.State.ClaimedRewards,
        [.. state.State.Positions.Keys.Order(StringComparer.Ordinal).Select(View)],
        [.. (state.State.Collections ?? []).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Summary(c.Key, c.Value))],
        state.State.Pending is not null,
        state.State.CreatedAt != 0,
        Balances(),
        state.State.StepUp);
}
