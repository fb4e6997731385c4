using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Runtime;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;

namespace Actors.Grains.Tests.Rewards;

/// <summary>Stake, unstake and claim spanning wallet and pool grains on one silo, driven by fake time.</summary>
public sealed class StakingTests
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    [Fact]
    public async Task Synthetix_worked_example_through_the_grains()
    {
        var time = new FakeTimeProvider(Start);
        await using var silo = await GrainSilo.StartAsync(timeProvider: time);
        var pool = await CreatePoolAsync(silo, "p", 10 * E18, 10_000 * E18);
        var a = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));
        var b = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xb));

        await a.Stake("a-1", "p", 100 * E18);
        time.Advance(TimeSpan.FromSeconds(10));
        await b.Stake("b-1", "p", 100 * E18);
        time.Advance(TimeSpan.FromSeconds(10));
        var claimA = await a.Claim("a-2", "p");
        var claimB = await b.Claim("b-2", "p");

        Assert.Equal(150 * E18, claimA.Paid);
        Assert.Equal(50 * E18, claimB.Paid);
        var info = await pool.GetInfo();
        Assert.Equal(200 * E18, info.Claimed);
        Assert.Equal(200 * E18, info.TotalShares);
    }

    [Fact]
    public async Task A_repeated_operation_id_has_one_effect_and_a_reused_one_is_refused()
    {
        var time = new FakeTimeProvider(Start);
        await using var silo = await GrainSilo.StartAsync(timeProvider: time);
        var pool = await CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));

        var first = await wallet.Stake("op-1", "p", 5 * E18);
        var again = await wallet.Stake("op-1", "p", 5 * E18);
        var reused = await Assert.ThrowsAsync<InvalidOperationException>(() => wallet.Unstake("op-1", "p", E18));
        await pool.Fund("fund-1", 7 * E18);
        await pool.Fund("fund-1", 7 * E18);

        Assert.Equal(first, again);
        Assert.Equal(5 * E18, (await wallet.Get()).Positions.Single().Staked);
        Assert.Equal(5 * E18, (await pool.GetInfo()).TotalShares);
        Assert.Equal(1_007 * E18, (await pool.GetInfo()).Budget);
        Assert.Contains("op-1", reused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wallet_that_fails_after_the_pool_applied_its_operation_finishes_it_once_when_retried()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await GrainSilo.StartAsync(storage, time);
        var pool = await CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));
        await wallet.Stake("op-1", "p", 4 * E18);
        time.Advance(TimeSpan.FromSeconds(3));

        // The wallet's intent commits, the pool applies the claim, then the wallet's write of the result fails.
        storage.FailWriteOf(Addresses.Key(0xa), 2, "the wallet's result write fails");
        await Assert.ThrowsAsync<StorageException>(() => wallet.Claim("op-2", "p"));
        storage.BeforeWrite = null;
        var pending = await wallet.Get();
        var retried = await wallet.Claim("op-2", "p");
        var info = await pool.GetInfo();

        Assert.True(pending.HasPendingOperation);
        Assert.Equal(3 * E18, retried.Paid);
        Assert.Equal(3 * E18, retried.ClaimedRewards);
        Assert.Equal(3 * E18, info.Claimed);
        Assert.False((await wallet.Get()).HasPendingOperation);
    }

    [Fact]
    public async Task A_retry_after_the_result_was_stored_but_the_call_failed_has_one_effect()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await GrainSilo.StartAsync(storage, time);
        var pool = await CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));

        // Intent, result: both stored; the call fails on the wallet's next write (its confirmation bookkeeping).
        storage.FailWriteOf(Addresses.Key(0xa), 3, "the wallet's write after the result fails");
        await Record.ExceptionAsync(() => wallet.Stake("op-1", "p", 2 * E18));
        storage.BeforeWrite = null;
        var retried = await wallet.Stake("op-1", "p", 2 * E18);
        await wallet.Claim("op-2", "p");
        var claimRetried = await wallet.Claim("op-2", "p");

        Assert.Equal(2 * E18, retried.Staked);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
        Assert.Equal((await pool.GetInfo()).Claimed, claimRetried.ClaimedRewards);
    }

    [Fact]
    public async Task A_retry_after_another_call_finished_the_operation_has_one_effect()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await GrainSilo.StartAsync(storage, time);
        var pool = await CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));
        storage.FailWriteOf("p", 1, "the pool's write fails");
        await Assert.ThrowsAsync<StorageException>(() => wallet.Stake("op-1", "p", 2 * E18));
        storage.BeforeWrite = null;

        await wallet.FinishPendingOperations(); // as the pool's timer would
        var retried = await wallet.Stake("op-1", "p", 2 * E18);

        Assert.Equal(2 * E18, retried.Staked);
        Assert.Equal(2 * E18, (await wallet.Get()).Positions.Single().Staked);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_pool_asks_a_wallet_that_failed_between_the_steps_and_is_not_called_again_to_finish()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await GrainSilo.StartAsync(storage, time);
        var pool = await CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));
        storage.FailWriteOf(Addresses.Key(0xa), 2, "the wallet's result write fails");
        await Assert.ThrowsAsync<StorageException>(() => wallet.Stake("op-1", "p", 2 * E18));
        storage.BeforeWrite = null;
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares); // applied by the pool, not yet stored by the wallet

        time.Advance(Actors.Grains.Rewards.RewardPoolGrain.ConfirmationGrace + Actors.Grains.Rewards.RewardPoolGrain.ConfirmationGrace);

        await Wait.UntilAsync(async () => !(await wallet.Get()).HasPendingOperation, "the pool to have the wallet finish its stake");
        Assert.Equal(2 * E18, (await wallet.Get()).Positions.Single().Shares);
        Assert.Equal(2 * E18, (await pool.GetInfo()).TotalShares);
    }

    [Fact]
    public async Task A_weight_change_re_checkpoints_every_position_and_unstaking_more_than_staked_is_refused()
    {
        var time = new FakeTimeProvider(Start);
        await using var silo = await GrainSilo.StartAsync(timeProvider: time);
        var p = await CreatePoolAsync(silo, "p", 10 * E18, 1_000 * E18);
        var q = await CreatePoolAsync(silo, "q", 10 * E18, 1_000 * E18);
        var a = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xa));
        var b = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(0xb));
        await a.Stake("a-1", "p", 10 * E18);
        await a.Stake("a-2", "q", 10 * E18);
        await b.Stake("b-1", "p", 10 * E18);

        time.Advance(TimeSpan.FromSeconds(10));
        await a.SetWeight("a-3", 30_000); // from now on a has 3x the shares of b in p
        time.Advance(TimeSpan.FromSeconds(10));
        var paidA = await a.Claim("a-4", "p");
        var paidB = await b.Claim("b-2", "p");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => b.Unstake("b-3", "p", 11 * E18));

        Assert.Equal(50 * E18 + 75 * E18, paidA.Paid); // half of the first 100, three quarters of the next 100
        Assert.Equal(50 * E18 + 25 * E18, paidB.Paid);
        Assert.Equal(40 * E18, (await p.GetInfo()).TotalShares);
        Assert.Equal(30 * E18, (await q.GetInfo()).TotalShares);
        Assert.Contains("staked", refused.Message, StringComparison.Ordinal);
    }

    internal static async Task<IRewardPoolGrain> CreatePoolAsync(Runtime.Testing.TestSilo silo, string id, UInt256 rate, UInt256 budget)
    {
        var now = silo.Services.GetService(typeof(TimeProvider)) is TimeProvider time ? time.GetUtcNow().ToUnixTimeSeconds() : 0;
        var pool = silo.GrainFactory.GetGrain<IRewardPoolGrain>(id);
        await pool.Create(new PoolTerms(rate, now, now + 1_000_000));
        await pool.Fund($"seed-{id}", budget);
        return pool;
    }
}
