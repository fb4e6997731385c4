using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Rewards;
using Actors.Testing;

namespace Actors.Grains.Tests.Rewards;

/// <summary>
/// A pool staked by many wallets at once: the operations that arrive while its state is being written are applied in
/// memory and share the next write, and none is answered before a write holding it committed.
/// </summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class HotPoolTests(SharedGrainCluster cluster)
{
    private const int Wallets = 16;
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private readonly TestKeys _keys = TestKeys.Next();

    [Fact]
    public async Task Stakes_arriving_during_a_pool_write_share_the_next_write_and_are_answered_after_it()
    {
        var poolId = _keys.Id("hot");
        var pool = await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, poolId, E18, 1_000_000 * E18);
        var wallets = new List<IWalletGrain>();
        for (var n = 1; n <= Wallets; n++)
        {
            await cluster.Grains.DepositAsync(_keys.Wallet(n));
            wallets.Add(cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(n)));
        }

        // The pool's first write is held, and its second too: every stake reaches the pool meanwhile (each reads its
        // position row, a wallet new to the pool), so all but the first are applied in memory and share the writes after it.
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSecond = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var poolWrites = 0;
        var applyWrites = 0;
        var confirming = 0;
        var rowReads = 0;
        cluster.Storage.BeforeRead = (grainId, _) =>
        {
            if (grainId.Type.ToString() == PositionRows.GrainType && grainId.Key.ToString()!.StartsWith(poolId + "/", StringComparison.Ordinal)
                && Interlocked.Increment(ref rowReads) == Wallets)
            {
                allRead.TrySetResult();
            }
        };
        cluster.Storage.BeforeWrite = async (grainId, stateName) =>
        {
            // A wallet's confirmation writes its position row before the pool's state: the pool writes begun before the
            // first row's carry applies alone.
            if (grainId.Type.ToString() == PositionRows.GrainType && grainId.Key.ToString()!.StartsWith(poolId + "/", StringComparison.Ordinal))
            {
                Volatile.Write(ref confirming, 1);
            }

            if (grainId.Key.ToString() != poolId || stateName != "pool")
            {
                return;
            }

            if (Volatile.Read(ref confirming) == 0)
            {
                Interlocked.Increment(ref applyWrites);
            }

            switch (Interlocked.Increment(ref poolWrites))
            {
                case 1:
                    firstHeld.TrySetResult();
                    await releaseFirst.Task;
                    break;
                case 2:
                    secondHeld.TrySetResult();
                    await releaseSecond.Task;
                    break;
            }
        };

        Task<PositionView>[] stakes;
        int answeredBeforeSecondCommitted;
        try
        {
            stakes = [.. wallets.Select((w, i) => w.Stake($"s-{i}", poolId, (ulong)(i + 1) * E18))];
            await Wait.ForAsync(firstHeld.Task, "the pool's first write");
            await Wait.ForAsync(allRead.Task, "every stake at the pool");
            releaseFirst.SetResult();
            await Wait.ForAsync(secondHeld.Task, "the pool's second write");
            answeredBeforeSecondCommitted = stakes.Count(s => s.IsCompleted);
            releaseSecond.SetResult();
            await Wait.ForAsync(Task.WhenAll(stakes), "the stakes");
        }
        finally
        {
            cluster.Storage.BeforeRead = null;
            cluster.Storage.BeforeWrite = null;
            releaseFirst.TrySetResult();
            releaseSecond.TrySetResult();
        }

        var info = await pool.GetInfo();
        var expected = UInt256.Zero;
        for (var i = 1; i <= Wallets; i++)
        {
            expected += (ulong)i * E18;
        }

        // The first write held one stake, whose answer may come once it committed; the others waited for the second.
        Assert.InRange(answeredBeforeSecondCommitted, 0, 1);
        Assert.Equal(expected, info.TotalShares);
        Assert.All(stakes.Select((s, i) => (s.Result, i)), p => Assert.Equal((ulong)(p.i + 1) * E18, p.Result.Staked));

        // A write per stake applied would be 16; the applies shared writes: the two held, and perhaps one or two more taking
        // the stakes whose rows were still being read when the first was released.
        Assert.InRange(applyWrites, 2, Wallets / 2);
    }

    [Fact]
    public async Task A_read_of_the_pool_never_shows_a_stake_whose_write_has_not_committed()
    {
        var poolId = _keys.Id("read");
        var pool = await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, poolId, E18, 1_000 * E18);
        await cluster.Grains.DepositAsync(_keys.Wallet(0xa));
        var wallet = cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(0xa));
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Storage.BeforeWrite = async (grainId, stateName) =>
        {
            if (grainId.Key.ToString() == poolId && stateName == "pool" && held.TrySetResult())
            {
                await release.Task;
            }
        };

        PoolInfo during;
        Task<PositionView> stake;
        try
        {
            stake = wallet.Stake("s-1", poolId, 5 * E18);
            await Wait.ForAsync(held.Task, "the pool's write of the stake");
            during = await pool.GetInfo();
            release.SetResult();
            await Wait.ForAsync(stake, "the stake");
        }
        finally
        {
            cluster.Storage.BeforeWrite = null;
            release.TrySetResult();
        }

        Assert.Equal(UInt256.Zero, during.TotalShares);
        Assert.Equal(5 * E18, (await pool.GetInfo()).TotalShares);
    }
}
