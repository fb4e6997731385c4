using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Operations;
using Actors.Grains.Persistence;
using Orleans.Concurrency;

namespace Actors.Grains.Rewards;

/// <summary>
/// The reward pool grain: pool totals and index (<see cref="RewardPoolMath"/>), and the pool's own record of every position,
/// from which alone it pays: a wallet sends what it wants done, never what it thinks it accrued. O(1) per operation: a
/// position is one row of its own in the grain storage (<see cref="PositionRows"/>), read when its wallet acts; while a
/// wallet has operations applied and not yet confirmed, its position is kept in the pool's state with them ("hot"), and the
/// row is written when the last of them is confirmed, before the pool forgets them. The pool's state is as large as the
/// operations in flight, not as the number of stakers.
/// </summary>
/// <remarks>
/// A hot pool absorbs many operations per write: the grain is reentrant, each call changes the state in one turn and then
/// awaits a <see cref="BatchedStateWriter{TState}"/>, so the calls that arrive while a write is under way are applied in
/// memory and share the next write, and each is answered after the write that holds it. The only awaits before a change are
/// reads of a position row; what they read is checked again after them. Reads of the pool's figures answer from the copy
/// of the last committed write, never from a change whose write may still fail. One wallet's calls come one at a time (the
/// wallet grain is not reentrant), so per wallet the operations keep their order.
/// </remarks>
[GrainType("reward-pool")]
[Reentrant]
public sealed class RewardPoolGrain(
    [PersistentState("pool")] IPersistentState<RewardPoolGrainState> state, TimeProvider time) : Grain, IRewardPoolGrain
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>Most wallets with operations awaiting confirmation a pool holds before it refuses new ones.</summary>
    public const int MaxUnconfirmed = 100_000;

    /// <summary>Funding operation ids remembered for idempotency.</summary>
    public const int RememberedFundings = 1_024;

    /// <summary>How long an applied operation may stay unconfirmed before the pool asks its wallet to finish it.</summary>
    public static readonly TimeSpan ConfirmationGrace = TimeSpan.FromSeconds(10);

    private IDisposable? _sweeper;
    private PositionRows _rows = null!;
    private BatchedStateWriter<RewardPoolGrainState> _writes = null!;
    private RewardPoolState? _committed;
    private int _committedStakers;

    private RewardPoolState? Pool => state.State.Pool;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rows = new PositionRows(ServiceProvider, GrainKey);
        (_committed, _committedStakers) = (Pool is { } stored ? Copy(stored) : null, state.State.Stakers);
        _writes = new BatchedStateWriter<RewardPoolGrainState>(state, this.GetGrainId().ToString(), DeactivateOnIdle)
        {
            Starting = () =>
            {
                var writing = Pool is { } pool ? Copy(pool) : null;
                var stakers = state.State.Stakers;
                return () => (_committed, _committedStakers) = (writing, stakers);
            },
        };
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
            if ((state.State.Terms ?? new PoolTerms(existing.RatePerSecond, existing.StartTime, existing.EndTime)) != terms)
            {
                throw new RequestRejectedException(PoolErrors.OtherTerms, $"Pool '{GrainKey}' already exists with other terms.");
            }

            await _writes.WhenWrittenAsync(); // a creation still being written is not yet an answer
            return Info(_committed ?? existing, _committedStakers);
        }

        foreach (var (field, asset) in new[] { ("stakeAsset", terms.StakeAsset), ("rewardAsset", terms.RewardAsset) })
        {
            if (!Ids.IsAsset(asset))
            {
                throw RequestRejectedException.Invalid(field, "An asset is an uppercase letter and up to 15 uppercase letters or digits.");
            }
        }

        var created = Refused(() => RewardPoolMath.Create(terms.RatePerSecond, terms.StartTime, terms.EndTime));

        // Listed before it is stored: never a pool the operator pages miss. Other calls may run meanwhile (the grain is
        // reentrant), a creation among them: then this one answers as a repeat.
        await GrainFactory.GetGrain<IOperationsDirectoryGrain>(IOperationsDirectoryGrain.Key).Add(DirectoryList.Pools, GrainKey);
        if (Pool is not null)
        {
            return await Create(terms);
        }

        state.State.Pool = created;
        state.State.Terms = terms;
        await WriteAsync();
        return Info(created);
    }

    /// <inheritdoc />
    public async Task<PoolInfo> Fund(string operationId, UInt256 amount)
    {
        OperationIds.Validate(operationId);
        var pool = Existing();
        if (state.State.RecentFundings.Contains(operationId))
        {
            await _writes.WhenWrittenAsync();
            return Info(_committed ?? pool, _committedStakers);
        }

        if (amount.IsZero)
        {
            throw RequestRejectedException.Invalid(nameof(amount), "A funding must be more than zero.");
        }

        var funded = Copy(pool);
        Refused(() => RewardPoolMath.Fund(funded, amount, Now));
        state.State.Pool = funded;
        state.State.RecentFundings.Add(operationId);
        if (state.State.RecentFundings.Count > RememberedFundings)
        {
            state.State.RecentFundings.RemoveAt(0);
        }

        await WriteAsync();
        return Info(funded);
    }

    /// <inheritdoc />
    public Task<PoolInfo> GetInfo()
    {
        if (_committed is not { } pool)
        {
            return Task.FromResult(new PoolInfo(
                GrainKey, false, default, 0, 0, 0, default, default, default, default, default, default, default, RewardMath.ScaleDecimals,
                default, default, PoolAssets.DefaultStake, PoolAssets.DefaultReward));
        }

        var now = Copy(pool);
        RewardPoolMath.Advance(now, Now);
        return Task.FromResult(Info(now, _committedStakers));
    }

    /// <inheritdoc />
    public async Task<PoolPosition?> GetPosition(string wallet)
    {
        ArgumentException.ThrowIfNullOrEmpty(wallet);
        await _writes.WhenWrittenAsync();
        return state.State.Hot.TryGetValue(wallet, out var hot) ? hot.Position : await _rows.ReadAsync(wallet);
    }

    /// <inheritdoc />
    public async Task<PoolOperationResult> Apply(PoolOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentException.ThrowIfNullOrEmpty(operation.Wallet);
        OperationIds.Validate(operation.OperationId);
        _ = Existing();
        if (await KeptAsync(operation) is { } repeat)
        {
            return repeat;
        }

        var recorded = state.State.Hot.TryGetValue(operation.Wallet, out var hot) ? hot.Position : null;
        if (hot is null)
        {
            if (state.State.Hot.Count >= MaxUnconfirmed)
            {
                throw new RequestRejectedException(PoolErrors.Busy, $"Pool '{GrainKey}' holds {MaxUnconfirmed} wallets' unconfirmed operations; try again later.");
            }

            recorded = await _rows.ReadAsync(operation.Wallet);

            // Other calls ran during the read: the same operation may have been applied meanwhile (a wallet's own calls come
            // one at a time, but a repeat may come by another path), and a hot position wins over its row.
            if (await KeptAsync(operation) is { } applied)
            {
                return applied;
            }

            if (state.State.Hot.TryGetValue(operation.Wallet, out hot))
            {
                recorded = hot.Position;
            }
        }

        var existing = Existing();
        if (recorded is null && operation.Kind == PoolOperationKind.Claim)
        {
            throw new RequestRejectedException(PoolErrors.NoPosition, $"Wallet '{operation.Wallet}' has no position in pool '{GrainKey}'.");
        }

        // The operation runs on copies that replace the pool and the position only once it succeeded: a refusal (an overflow
        // included) changes nothing.
        var pool = Copy(existing);
        var position = new StakePosition { Shares = recorded?.Shares ?? default, IndexPaid = recorded?.IndexPaid ?? default, AccruedScaled = recorded?.AccruedScaled ?? default };
        var paid = UInt256.Zero;
        switch (operation.Kind)
        {
            case PoolOperationKind.SetShares:
                Refused(() => RewardPoolMath.ChangeShares(pool, position, operation.NewShares, Now));
                break;
            case PoolOperationKind.Claim:
                paid = RewardPoolMath.Claim(pool, position, Now);
                break;
            default:
                throw RequestRejectedException.Invalid(nameof(operation), $"Unknown pool operation kind {operation.Kind}.");
        }

        var result = new PoolOperationResult(pool.Index, paid, new PoolPosition(position.Shares, position.IndexPaid, position.AccruedScaled));
        var wasStaking = recorded is { Shares.IsZero: false };
        if (wasStaking != !position.Shares.IsZero)
        {
            state.State.Stakers = Math.Max(0, state.State.Stakers + (wasStaking ? -1 : 1));
        }

        hot ??= new HotPosition();
        hot.Position = result.Position;
        hot.Unconfirmed[operation.OperationId] = new PendingPoolOperation(operation, result, Now);
        state.State.Hot[operation.Wallet] = hot;
        state.State.Pool = pool;
        await WriteAsync();
        return result;
    }

    // The result kept for an operation applied before, once its write has committed; null when it was not applied.
    private async Task<PoolOperationResult?> KeptAsync(PoolOperation operation)
    {
        if (!state.State.Hot.TryGetValue(operation.Wallet, out var hot) || !hot.Unconfirmed.TryGetValue(operation.OperationId, out var kept))
        {
            return null;
        }

        if (kept.Operation != operation)
        {
            throw new RequestRejectedException(
                PoolErrors.OperationReused, $"Operation '{operation.OperationId}' of wallet '{operation.Wallet}' was already applied with other content.");
        }

        await _writes.WhenWrittenAsync();
        return kept.Result;
    }

    /// <inheritdoc />
    public async Task Confirm(string wallet, string operationId)
    {
        if (!state.State.Hot.TryGetValue(wallet, out var hot) || !hot.Unconfirmed.ContainsKey(operationId))
        {
            await _writes.WhenWrittenAsync(); // forgotten already, perhaps by a write still under way
            return;
        }

        if (hot.Unconfirmed.Count == 1)
        {
            // The wallet's last operation in flight: its position goes to its own row first, and only then does the pool
            // forget it, so that a failure between the two writes leaves the same position in both places. The wallet's
            // calls come one at a time, so its hot position cannot change during the row's write.
            var position = hot.Position;
            await _rows.WriteAsync(wallet, position);
            if (state.State.Hot.TryGetValue(wallet, out var after) && after.Position == position && after.Unconfirmed.Count == 1)
            {
                state.State.Hot.Remove(wallet);
            }
            else
            {
                after?.Unconfirmed.Remove(operationId);
            }
        }
        else
        {
            hot.Unconfirmed.Remove(operationId);
        }

        await WriteAsync();
    }

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    // A wallet that failed between the saga's steps finishes at its next operation; one that is not called again is asked
    // here. The call is not awaited: the wallet calls back into this pool, which must be free to answer.
    private Task AskWalletsToFinishAsync(CancellationToken cancellationToken)
    {
        var overdue = Now - (long)ConfirmationGrace.TotalSeconds;
        foreach (var wallet in state.State.Hot.Where(h => h.Value.Unconfirmed.Values.Any(p => p.AppliedAt <= overdue)).Select(h => h.Key).Take(100))
        {
            _ = GrainFactory.GetGrain<Interfaces.Wallets.IWalletGrain>(wallet).FinishPendingOperations()
                .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    // The pool arithmetic refuses figures beyond its bounds with ArgumentOutOfRangeException, whose parameter name does not
    // cross silos: it becomes a coded refusal naming the request's field.
    private static T Refused<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentOutOfRangeException bound)
        {
            throw RequestRejectedException.Invalid(FieldOf(bound.ParamName), bound.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static void Refused(Action step) => Refused(() =>
    {
        step();
        return true;
    });

    private static string FieldOf(string? parameter) => parameter switch
    {
        "startTime" => "startsAt",
        "endTime" => "endsAt",
        "shares" => "amount",
        null or "" => "request",
        _ => parameter,
    };

    private RewardPoolState Existing() => Pool ?? throw RequestRejectedException.Missing($"Pool '{GrainKey}' does not exist.");

    private Task WriteAsync() => _writes.WriteAsync();

    private PoolInfo Info(RewardPoolState pool) => Info(pool, state.State.Stakers);

    private PoolInfo Info(RewardPoolState pool, int stakers) => new(
        GrainKey, true, pool.RatePerSecond, pool.StartTime, pool.EndTime, pool.LastUpdate, pool.Budget, pool.Emitted, pool.Claimed,
        pool.Dust, pool.Remaining, pool.TotalShares, pool.Index, RewardMath.ScaleDecimals, pool.Pending, pool.PendingScaled,
        state.State.Terms?.StakeAsset ?? PoolAssets.DefaultStake, state.State.Terms?.RewardAsset ?? PoolAssets.DefaultReward, stakers);

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

    /// <summary>The terms the pool was created with.</summary>
    public PoolTerms? Terms { get; set; }

    /// <summary>Positions of wallets with operations applied and not yet confirmed, by wallet.</summary>
    public Dictionary<string, HotPosition> Hot { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recent funding operation ids, oldest first.</summary>
    public List<string> RecentFundings { get; set; } = [];

    /// <summary>Wallets whose position has shares: counted as positions start and stop having shares (pools stored before
    /// the count existed count from their next such change, never below zero).</summary>
    public int Stakers { get; set; }
}

/// <summary>A wallet's position while it has operations in flight, with those operations and their results.</summary>
public sealed class HotPosition
{
    /// <summary>The position after the last operation applied.</summary>
    public PoolPosition Position { get; set; } = new(default, default, default);

    /// <summary>Operations applied and not yet confirmed, by operation id.</summary>
    public Dictionary<string, PendingPoolOperation> Unconfirmed { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A wallet operation the pool applied, with its result, kept until the wallet confirms it.</summary>
/// <param name="Operation">The operation as the wallet sent it.</param>
/// <param name="Result">What the pool answered.</param>
/// <param name="AppliedAt">When the pool applied it (Unix seconds).</param>
public sealed record PendingPoolOperation(PoolOperation Operation, PoolOperationResult Result, long AppliedAt);
