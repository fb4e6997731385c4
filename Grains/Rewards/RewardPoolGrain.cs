using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces;
using Actors.Grains.Persistence;

namespace Actors.Grains.Rewards;

/// <summary>
/// The reward pool grain: pool totals and index (<see cref="RewardPoolMath"/>), O(1) per operation. Wallet operations are
/// kept, with their results, until the wallet confirms it has stored them, so a retried operation has one effect; the set is
/// as large as the operations in flight, not as the number of stakers.
/// </summary>
[GrainType("reward-pool")]
public sealed class RewardPoolGrain(
    [PersistentState("pool")] IPersistentState<RewardPoolGrainState> state, TimeProvider time) : Grain, IRewardPoolGrain
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>Most operations awaiting confirmation a pool holds before it refuses new ones.</summary>
    public const int MaxUnconfirmed = 100_000;

    /// <summary>Funding operation ids remembered for idempotency.</summary>
    public const int RememberedFundings = 1_024;

    /// <summary>How long an applied operation may stay unconfirmed before the pool asks its wallet to finish it.</summary>
    public static readonly TimeSpan ConfirmationGrace = TimeSpan.FromSeconds(10);

    private IDisposable? _sweeper;

    private RewardPoolState? Pool => state.State.Pool;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sweeper = this.RegisterGrainTimer(AskWalletsToFinishAsync, ConfirmationGrace, ConfirmationGrace);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sweeper?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PoolInfo> Create(PoolTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (Pool is { } existing)
        {
            return existing.RatePerSecond == terms.RatePerSecond && existing.StartTime == terms.StartTime && existing.EndTime == terms.EndTime
                ? Info(existing)
                : throw new InvalidOperationException($"Pool '{GrainKey}' already exists with other terms.");
        }

        if (terms.StartTime < 0)
        {
            throw RequestRejectedException.Invalid(nameof(terms), "A pool's start time must be a Unix time in seconds (not negative).");
        }

        state.State.Pool = RewardPoolMath.Create(terms.RatePerSecond, terms.StartTime, terms.EndTime);
        await WriteAsync();
        return Info(state.State.Pool);
    }

    /// <inheritdoc />
    public async Task<PoolInfo> Fund(string operationId, UInt256 amount)
    {
        OperationIds.Validate(operationId);
        var pool = Existing();
        if (state.State.RecentFundings.Contains(operationId))
        {
            return Info(pool);
        }

        if (amount.IsZero)
        {
            throw RequestRejectedException.Invalid(nameof(amount), "A funding must be more than zero.");
        }

        RewardPoolMath.Fund(pool, amount, Now);
        state.State.RecentFundings.Add(operationId);
        if (state.State.RecentFundings.Count > RememberedFundings)
        {
            state.State.RecentFundings.RemoveAt(0);
        }

        await WriteAsync();
        return Info(pool);
    }

    /// <inheritdoc />
    public Task<PoolInfo> GetInfo()
    {
        if (Pool is not { } pool)
        {
            return Task.FromResult(new PoolInfo(GrainKey, false, default, 0, 0, 0, default, default, default, default, default, default, default, RewardMath.ScaleDecimals));
        }

        var now = Copy(pool);
        RewardPoolMath.Advance(now, Now);
        return Task.FromResult(Info(now));
    }

    /// <inheritdoc />
    public async Task<PoolOperationResult> Apply(PoolOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentException.ThrowIfNullOrEmpty(operation.Wallet);
        OperationIds.Validate(operation.OperationId);

        // The operation runs on a copy that replaces the pool only once it succeeded: a refusal (an overflow included)
        // changes nothing.
        var pool = Copy(Existing());
        var key = Key(operation.Wallet, operation.OperationId);
        if (state.State.Unconfirmed.TryGetValue(key, out var kept))
        {
            return kept.Operation == operation
                ? kept.Result
                : throw new InvalidOperationException($"Operation '{operation.OperationId}' of wallet '{operation.Wallet}' was already applied with other content.");
        }

        if (state.State.Unconfirmed.Count >= MaxUnconfirmed)
        {
            throw new InvalidOperationException($"Pool '{GrainKey}' holds {MaxUnconfirmed} unconfirmed operations; try again later.");
        }

        var position = new StakePosition { Shares = operation.Shares, IndexPaid = operation.IndexPaid, AccruedScaled = operation.AccruedScaled };
        if (position.Shares > pool.TotalShares || position.IndexPaid > pool.Index)
        {
            throw new InvalidOperationException($"Wallet '{operation.Wallet}' holds a position that pool '{GrainKey}' never gave it.");
        }

        var paid = UInt256.Zero;
        switch (operation.Kind)
        {
            case PoolOperationKind.SetShares:
                RewardPoolMath.ChangeShares(pool, position, operation.NewShares, Now);
                break;
            case PoolOperationKind.Claim:
                paid = RewardPoolMath.Claim(pool, position, Now);
                break;
            default:
                throw RequestRejectedException.Invalid(nameof(operation), $"Unknown pool operation kind {operation.Kind}.");
        }

        var result = new PoolOperationResult(pool.Index, paid);
        state.State.Pool = pool;
        state.State.Unconfirmed[key] = new PendingPoolOperation(operation, result, Now);
        await WriteAsync();
        return result;
    }

    /// <inheritdoc />
    public async Task Confirm(string wallet, string operationId)
    {
        if (state.State.Unconfirmed.Remove(Key(wallet, operationId)))
        {
            await WriteAsync();
        }
    }

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // A wallet that failed between the saga's steps finishes at its next operation; one that is not called again is asked
    // here. The call is not awaited: the wallet calls back into this pool, which must be free to answer.
    private Task AskWalletsToFinishAsync(CancellationToken cancellationToken)
    {
        var overdue = Now - (long)ConfirmationGrace.TotalSeconds;
        foreach (var wallet in state.State.Unconfirmed.Values.Where(p => p.AppliedAt <= overdue).Select(p => p.Operation.Wallet).Distinct().Take(100))
        {
            _ = GrainFactory.GetGrain<Interfaces.Wallets.IWalletGrain>(wallet).FinishPendingOperations()
                .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    private static string Key(string wallet, string operationId) => $"{wallet}\n{operationId}";

    private RewardPoolState Existing() => Pool ?? throw new KeyNotFoundException($"Pool '{GrainKey}' does not exist.");

    private Task WriteAsync() => state.WriteOrResetAsync(this);

    private PoolInfo Info(RewardPoolState pool) => new(
        GrainKey, true, pool.RatePerSecond, pool.StartTime, pool.EndTime, pool.LastUpdate, pool.Budget, pool.Emitted, pool.Claimed,
        pool.Dust, pool.Remaining, pool.TotalShares, pool.Index, RewardMath.ScaleDecimals);

    private static RewardPoolState Copy(RewardPoolState pool) => new()
    {
        RatePerSecond = pool.RatePerSecond, StartTime = pool.StartTime, EndTime = pool.EndTime, LastUpdate = pool.LastUpdate,
        Budget = pool.Budget, Emitted = pool.Emitted, Claimed = pool.Claimed, TotalShares = pool.TotalShares, Index = pool.Index,
        DustScaled = pool.DustScaled,
    };
}

/// <summary>The pool grain's stored state.</summary>
public sealed class RewardPoolGrainState
{
    /// <summary>The pool, once created.</summary>
    public RewardPoolState? Pool { get; set; }

    /// <summary>Wallet operations applied and not yet confirmed, by wallet and operation id.</summary>
    public Dictionary<string, PendingPoolOperation> Unconfirmed { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recent funding operation ids, oldest first.</summary>
    public List<string> RecentFundings { get; set; } = [];
}

/// <summary>A wallet operation the pool applied, with its result, kept until the wallet confirms it.</summary>
/// <param name="Operation">The operation as the wallet sent it.</param>
/// <param name="Result">What the pool answered.</param>
/// <param name="AppliedAt">When the pool applied it (Unix seconds).</param>
public sealed record PendingPoolOperation(PoolOperation Operation, PoolOperationResult Result, long AppliedAt);
