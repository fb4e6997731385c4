using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests.Rewards;

/// <summary>Random stake, unstake, claim, fund and weight operations: the pools' totals always equal the wallets' positions.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class StakingInvariantTests(SharedGrainCluster cluster)
{
    private const int Wallets = 4;
    private readonly TestKeys _keys = TestKeys.Next();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Pool_totals_equal_the_sum_of_positions_and_every_emitted_unit_is_claimed_pending_or_dust(int seed)
    {
        var random = new Random(seed);
        string[] poolIds = [_keys.Id("p"), _keys.Id("q")];
        var pools = new Dictionary<string, IRewardPoolGrain>();
        foreach (var id in poolIds)
        {
            var rate = (ulong)random.NextInt64(1, 1_000_000_000_000);
            var budget = (ulong)random.NextInt64(0, 100_000_000_000_000);
            pools[id] = await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, id, rate, budget);
        }

        var wallets = Enumerable.Range(0, Wallets).Select(i => cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(i + 1))).ToArray();
        foreach (var i in Enumerable.Range(1, Wallets))
        {
            await cluster.Grains.DepositAsync(_keys.Wallet(i));
        }

        var claimedFrom = poolIds.ToDictionary(id => id, _ => UInt256.Zero);
        for (var step = 0; step < 60; step++)
        {
            cluster.Time.Advance(TimeSpan.FromSeconds(random.Next(0, 20)));
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
            Assert.Equal(claimedFrom[id], info.Claimed);
            PoolAccounting.AssertAccountsFor(info, positions);
        }

        Assert.All(views, v => Assert.False(v.HasPendingOperation));

        // For every wallet, what it deposited is what its balance and its positions hold, and its reward balance is what it claimed.
        Assert.All(views, v =>
        {
            Assert.Equal(Deposits.Plenty, v.Balances.Single(b => b.Asset == PoolAssets.DefaultStake).Amount + v.Positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Staked));
            Assert.Equal(v.ClaimedRewards, v.Balances.SingleOrDefault(b => b.Asset == PoolAssets.DefaultReward)?.Amount ?? UInt256.Zero);
        });
    }
}
