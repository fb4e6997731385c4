using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Runtime.Testing;

namespace Actors.Grains.Tests.Rewards;

/// <summary>Random stake, unstake, claim, fund and weight operations: the pools' totals always equal the wallets' positions.</summary>
public sealed class StakingInvariantTests
{
    private const int Wallets = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Pool_totals_equal_the_sum_of_positions_and_every_emitted_unit_is_claimed_pending_or_dust(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        await using var silo = await GrainSilo.StartAsync(timeProvider: time);
        string[] poolIds = ["p", "q"];
        var pools = new Dictionary<string, IRewardPoolGrain>();
        foreach (var id in poolIds)
        {
            pools[id] = await StakingTests.CreatePoolAsync(silo, id, (ulong)random.NextInt64(1, 1_000_000_000_000), (ulong)random.NextInt64(0, 100_000_000_000_000));
        }

        var wallets = Enumerable.Range(0, Wallets).Select(i => silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(i + 1))).ToArray();
        var claimedFrom = poolIds.ToDictionary(id => id, _ => UInt256.Zero);
        for (var step = 0; step < 60; step++)
        {
            time.Advance(TimeSpan.FromSeconds(random.Next(0, 20)));
            var wallet = wallets[random.Next(Wallets)];
            var pool = poolIds[random.Next(poolIds.Length)];
            var op = $"op-{step}";
            switch (random.Next(6))
            {
                case 0 or 1:
                    await wallet.Stake(op, pool, (ulong)random.NextInt64(1, 1_000_000_000_000));
                    break;
                case 2:
                    var staked = (await wallet.Get()).Positions.FirstOrDefault(p => p.PoolId == pool)?.Staked ?? UInt256.Zero;
                    if (!staked.IsZero)
                    {
                        await wallet.Unstake(op, pool, staked / 2 + UInt256.One);
                    }

                    break;
                case 3:
                    if ((await wallet.Get()).Positions.Any(p => p.PoolId == pool))
                    {
                        claimedFrom[pool] += (await wallet.Claim(op, pool)).Paid;
                    }

                    break;
                case 4:
                    await pools[pool].Fund(op, (ulong)random.NextInt64(1, 10_000_000_000_000));
                    break;
                default:
                    await wallet.SetWeight(op, (uint)random.Next(0, (int)WalletLimits.MaxWeightBasisPoints + 1));
                    break;
            }
        }

        var views = await Task.WhenAll(wallets.Select(w => w.Get()));
        foreach (var id in poolIds)
        {
            var info = await pools[id].GetInfo();
            var positions = views.SelectMany(v => v.Positions).Where(p => p.PoolId == id).ToList();
            var shares = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Shares);
            // Pending as of the pool's index now: what each position accrued when last settled plus its shares' growth since.
            var accrued = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Accrued + RewardMath.Accrued(p.Shares, info.Index, p.IndexPaid));
            Assert.Equal(shares, info.TotalShares);
            Assert.Equal(claimedFrom[id], info.Claimed);
            Assert.True(info.Emitted <= info.Budget, $"pool {id} emitted more than its budget");

            // Emitted = claimed + pending + dust exactly in scaled units; in whole units each of the floors loses less than one.
            var accounted = info.Claimed + accrued + info.Dust;
            Assert.True(accounted <= info.Emitted, $"pool {id}: {accounted} accounted for but only {info.Emitted} emitted");
            Assert.True(info.Emitted - accounted <= (UInt256)(ulong)((2 * Wallets) + 1), $"pool {id}: {info.Emitted - accounted} units unaccounted for");
        }

        Assert.All(views, v => Assert.False(v.HasPendingOperation));
    }
}
