using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Rewards;
using Actors.Providers.Storage;
using Actors.Testing;

namespace Actors.Grains.Tests.Rewards;

/// <summary>Stake, unstake and claim spanning wallet and pool grains, driven by fake time.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class StakingTests(SharedGrainCluster cluster)
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private readonly TestKeys _keys = TestKeys.Next();

    private string P => _keys.Id("p");

    private string Q => _keys.Id("q");

    [Fact]
    public async Task Synthetix_worked_example_through_the_grains()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, 10 * E18, 10_000 * E18);
        var a = await FundedAsync(0xa);
        var b = await FundedAsync(0xb);

        await a.Stake("a-1", P, 100 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await b.Stake("b-1", P, 100 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        var claimA = await a.Claim("a-2", P);
        var claimB = await b.Claim("b-2", P);

        Assert.Equal(150 * E18, claimA.Paid);
        Assert.Equal(50 * E18, claimB.Paid);
        var info = await pool.GetInfo();
        Assert.Equal(200 * E18, info.Claimed);
        Assert.Equal(200 * E18, info.TotalShares);
    }

    [Fact]
    public async Task A_repeated_operation_id_has_one_effect_and_a_reused_one_is_refused()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);

        var first = await wallet.Stake("op-1", P, 5 * E18);
        var again = await wallet.Stake("op-1", P, 5 * E18);
        var reused = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Unstake("op-1", P, E18));
        await pool.Fund("fund-1", 7 * E18);
        await pool.Fund("fund-1", 7 * E18);

        Assert.Equal(first, again);
        Assert.Equal(5 * E18, (await wallet.Get()).Positions.Single().Staked);
        Assert.Equal(5 * E18, (await pool.GetInfo()).TotalShares);
        Assert.Equal(1_007 * E18, (await pool.GetInfo()).Budget);
        Assert.Contains("op-1", reused.Message, StringComparison.Ordinal);
        Assert.Equal(RequestRejectedException.OperationReused, reused.Code);
    }

    [Fact]
    public async Task A_wallet_that_fails_after_the_pool_applied_its_operation_finishes_it_once_when_retried()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);
        await wallet.Stake("op-1", P, 4 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(3));

        // The wallet's intent commits, the pool applies the claim (the caller is answered: the outcome is decided), then the
        // wallet's write of the result fails.
        var failed = cluster.Storage.FailWriteOf(_keys.Wallet(0xa), 2, "the wallet's result write fails");
        var answered = await wallet.Claim("op-2", P);
        await Wait.ForAsync(failed, "the wallet's result write to fail");
        cluster.Storage.BeforeWrite = null;
        var pending = await wallet.Get();
        var retried = await wallet.Claim("op-2", P);
        var info = await pool.GetInfo();

        Assert.Equal(3 * E18, answered.Paid);
        Assert.True(pending.HasPendingOperation);
        Assert.Equal(3 * E18, retried.Paid);
        Assert.Equal(3 * E18, retried.ClaimedRewards);
        Assert.Equal(3 * E18, info.Claimed);
        Assert.False((await wallet.Get()).HasPendingOperation);
    }

    [Fact]
    public async Task A_stake_is_answered_once_the_pool_holds_it_before_the_wallet_stores_its_result()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);
        var key = _keys.Wallet(0xa);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        cluster.Storage.BeforeWrite = async (grainId, _) =>
        {
            if (grainId.Key.ToString() == key && Interlocked.Increment(ref writes) == 2)
            {
                held.TrySetResult();
                await release.Task;
            }
        };
        PositionView answered;
        try
        {
            // The second write of the wallet, its result, is held: the caller is answered all the same.
            answered = await Wait.ForAsync(wallet.Stake("op-1", P, 2 * E18), "the stake's answer while its result write is held");
            await Wait.ForAsync(held.Task, "the wallet's result write");
        }
        finally
        {
            release.TrySetResult();
            cluster.Storage.BeforeWrite = null;
        }

        var view = await wallet.Get();

        Assert.Equal(2 * E18, answered.Staked);
        Assert.Equal(2 * E18, view.Positions.Single().Staked);
        Assert.False(view.HasPendingOperation);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_retry_after_the_result_was_stored_but_the_call_failed_has_one_effect()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);

        // Intent, result: both stored; then the answer to the result's write is lost, as when a database commits and the
        // connection drops before it says so, and the call fails.
        var key = _keys.Wallet(0xa);
        var commits = 0;
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Storage.AfterCommit = (grainId, _) =>
        {
            if (grainId.Key.ToString() == key && Interlocked.Increment(ref commits) == 2)
            {
                lost.TrySetResult();
                throw new StorageUnavailableException("injected: the wallet's result is stored but the answer is lost");
            }
        };
        PositionView answered;
        try
        {
            answered = await wallet.Stake("op-1", P, 2 * E18);
            await Wait.ForAsync(lost.Task, "the answer to the wallet's result write to be lost");
        }
        finally
        {
            cluster.Storage.AfterCommit = null;
        }

        var retried = await wallet.Stake("op-1", P, 2 * E18);
        await wallet.Claim("op-2", P);
        var claimRetried = await wallet.Claim("op-2", P);

        Assert.Equal(2, commits);
        Assert.Equal(answered, retried);
        Assert.Equal(2 * E18, retried.Staked);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
        Assert.Equal((await pool.GetInfo()).Claimed, claimRetried.ClaimedRewards);
    }

    [Fact]
    public async Task A_retry_after_another_call_finished_the_operation_has_one_effect()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);
        _ = cluster.Storage.FailWriteOf(P, 1, "the pool's write fails");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => wallet.Stake("op-1", P, 2 * E18));
        cluster.Storage.BeforeWrite = null;

        await wallet.FinishPendingOperations(); // as the pool's timer would
        var retried = await wallet.Stake("op-1", P, 2 * E18);

        Assert.Equal(2 * E18, retried.Staked);
        Assert.Equal(2 * E18, (await wallet.Get()).Positions.Single().Staked);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_pool_asks_a_wallet_that_failed_between_the_steps_and_is_not_called_again_to_finish()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);
        var failed = cluster.Storage.FailWriteOf(_keys.Wallet(0xa), 2, "the wallet's result write fails");
        var answered = await wallet.Stake("op-1", P, 2 * E18); // decided once the pool's write holds it
        await Wait.ForAsync(failed, "the wallet's result write to fail");
        cluster.Storage.BeforeWrite = null;
        Assert.Equal(2 * E18, answered.Staked);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares); // applied by the pool, not yet stored by the wallet

        // The pool's timer looks every grace period for operations applied longer ago than that.
        await cluster.AdvanceUntilAsync(
            async () => !(await wallet.Get()).HasPendingOperation, RewardPoolGrain.ConfirmationGrace,
            "the pool to have the wallet finish its stake");
        Assert.Equal(2 * E18, (await wallet.Get()).Positions.Single().Shares);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_weight_change_re_checkpoints_every_position_and_unstaking_more_than_staked_is_refused()
    {
        var p = await CreatePoolAsync(cluster.Grains, cluster.Time, P, 10 * E18, 1_000 * E18);
        var q = await CreatePoolAsync(cluster.Grains, cluster.Time, Q, 10 * E18, 1_000 * E18);
        var a = await FundedAsync(0xa);
        var b = await FundedAsync(0xb);
        await a.Stake("a-1", P, 10 * E18);
        await a.Stake("a-2", Q, 10 * E18);
        await b.Stake("b-1", P, 10 * E18);

        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await a.SetWeight("a-3", 30_000); // from now on a has 3x the shares of b in p
        cluster.Time.Advance(TimeSpan.FromSeconds(10));
        var paidA = await a.Claim("a-4", P);
        var paidB = await b.Claim("b-2", P);
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => b.Unstake("b-3", P, 11 * E18));

        Assert.Equal(50 * E18 + 75 * E18, paidA.Paid); // half of the first 100, three quarters of the next 100
        Assert.Equal(50 * E18 + 25 * E18, paidB.Paid);
        Assert.Equal(40 * E18, (await p.GetInfo()).TotalShares);
        Assert.Equal(30 * E18, (await q.GetInfo()).TotalShares);
        Assert.Equal(WalletErrors.InsufficientStake, refused.Code);
    }

    [Fact]
    public async Task A_stake_into_a_pool_that_does_not_exist_is_refused_and_blocks_nothing()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);

        Assert.Equal(RequestRejectedException.NotFound, (await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("op-1", _keys.Id("mistyped"), E18))).Code);
        var position = await wallet.Stake("op-2", P, 2 * E18);
        var claim = await wallet.Claim("op-3", P);

        Assert.Equal(2 * E18, position.Staked);
        Assert.Equal(P, claim.PoolId);
        var view = await wallet.Get();
        Assert.False(view.HasPendingOperation);
        Assert.Equal([P], view.Positions.Select(p => p.PoolId));
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_stake_beyond_the_balance_or_the_bound_is_refused_changes_nothing_and_blocks_nothing()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xb);
        var balance = (await wallet.Get()).Balances.Single();

        var beyondBalance = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("b-1", P, balance.Amount + UInt256.One));
        var beyondBound = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("b-2", P, RewardPoolMath.MaxAmount + UInt256.One));
        var staked = await wallet.Stake("b-3", P, E18);
        var view = await wallet.Get();

        Assert.Equal(WalletErrors.InsufficientBalance, beyondBalance.Code);
        Assert.Equal(("validation_failed", "amount"), (beyondBound.Code, beyondBound.Field));
        Assert.Equal(E18, staked.Staked);
        Assert.False(view.HasPendingOperation);
        Assert.Equal(balance.Amount - E18, view.Balances.Single().Amount);
        Assert.Equal(E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task Stakes_unstakes_and_claims_move_balances_and_every_unit_is_accounted_for()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, 3 * E18, 1_000 * E18);
        var wallet = Wallet(0xc);
        await wallet.CreditDeposit(_keys.Id("dep"), PoolAssets.DefaultStake, 10 * E18);

        await wallet.Stake("c-1", P, 4 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(5));
        var claimed = await wallet.Claim("c-2", P);
        await wallet.Unstake("c-3", P, E18);
        var view = await wallet.Get();

        Assert.Equal(15 * E18, claimed.Paid);
        Assert.Equal(
            [new AssetBalance(PoolAssets.DefaultReward, 15 * E18), new AssetBalance(PoolAssets.DefaultStake, 7 * E18)],
            view.Balances);
        Assert.Equal(3 * E18, view.Positions.Single().Staked);
        Assert.Equal(15 * E18, (await pool.GetInfo()).Claimed);
    }

    /// <summary>Creates pool <paramref name="id"/>, emitting from now on by <paramref name="clock"/>, and funds it.</summary>
    [Fact]
    public async Task A_pool_pays_from_its_own_record_of_a_position_never_what_a_caller_says_it_accrued()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        await FundedAsync(0xa);
        await Wallet(0xa).Stake("a-1", P, E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(10));

        // Callers going around the wallet: one naming a wallet the pool never credited, one naming the staker itself. An
        // operation carries no accrual any more (the forgery of 500 units a caller once sent has nowhere to go); the pool
        // pays what its own record of the position earned, once.
        var stranger = await PaidOrRefusedAsync(() => pool.Apply(new PoolOperation(_keys.Wallet(0xf), "forged-1", PoolOperationKind.Claim, UInt256.Zero)));
        var staker = await PaidOrRefusedAsync(() => pool.Apply(new PoolOperation(_keys.Wallet(0xa), "forged-2", PoolOperationKind.Claim, UInt256.Zero)));
        var again = await PaidOrRefusedAsync(() => pool.Apply(new PoolOperation(_keys.Wallet(0xa), "forged-3", PoolOperationKind.Claim, UInt256.Zero)));
        var info = await pool.GetInfo();

        Assert.True(stranger.IsZero, $"the pool paid {stranger} to a position it never credited");
        Assert.Equal(10 * E18, staker);
        Assert.True(again.IsZero);
        Assert.Equal(info.Emitted, info.Claimed);
    }

    [Fact]
    public async Task A_pools_record_of_a_position_is_its_own_row_and_outlives_the_pools_activation()
    {
        var pool = await CreatePoolAsync(cluster.Grains, cluster.Time, P, E18, 1_000 * E18);
        var wallet = await FundedAsync(0xa);
        await wallet.Stake("a-1", P, 2 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(5));

        await cluster.Host.DeactivateAsync(pool);
        var recorded = await pool.GetPosition(_keys.Wallet(0xa));
        var claim = await wallet.Claim("a-2", P);
        var row = new GrainState<PositionRow>();
        await cluster.Storage.ReadStateAsync("position", GrainId.Create(PositionRows.GrainType, $"{P}/{_keys.Wallet(0xa)}"), row);

        Assert.Equal(new PoolPosition(2 * E18, UInt256.Zero, UInt256.Zero), recorded);
        Assert.Equal(5 * E18, claim.Paid);
        Assert.Equal(2 * E18, row.State!.Position!.Shares);
        Assert.Equal(25 * UInt256.Pow10(35), row.State!.Position!.IndexPaid); // 5e18 emitted over 2e18 shares, scaled by 10^36
        Assert.Null(await pool.GetPosition(_keys.Wallet(0xb)));
    }

    private static async Task<UInt256> PaidOrRefusedAsync(Func<Task<PoolOperationResult>> apply)
    {
        try
        {
            return (await apply()).Paid;
        }
        catch (RequestRejectedException)
        {
            return UInt256.Zero;
        }
    }

    internal static async Task<IRewardPoolGrain> CreatePoolAsync(
        IGrainFactory grains, TimeProvider clock, string id, UInt256 rate, UInt256 budget)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var pool = grains.GetGrain<IRewardPoolGrain>(id);
        await pool.Create(new PoolTerms(rate, now, now + 1_000_000));
        await pool.Fund($"seed-{id}", budget);
        return pool;
    }

    private IWalletGrain Wallet(int n) => cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(n));

    private async Task<IWalletGrain> FundedAsync(int n)
    {
        await cluster.Grains.DepositAsync(_keys.Wallet(n));
        return Wallet(n);
    }
}
