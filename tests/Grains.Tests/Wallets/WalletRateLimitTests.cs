using Actors.Domain.Money;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Tests.Rewards;

namespace Actors.Grains.Tests.Wallets;

/// <summary>A wallet's limit on sensitive operations a minute.</summary>
[Collection(RateLimitedGrainCluster.Collection)]
public sealed class WalletRateLimitTests(RateLimitedGrainCluster cluster)
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private readonly TestKeys _keys = TestKeys.Next();

    [Fact]
    public async Task Sensitive_operations_above_the_rate_limit_are_refused_until_the_bucket_refills_and_repeats_cost_nothing()
    {
        var p = _keys.Id("p");
        await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, p, E18, 1_000 * E18);
        var wallet = cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(1));
        var other = cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(2));
        await cluster.Grains.DepositAsync(_keys.Wallet(1));
        await cluster.Grains.DepositAsync(_keys.Wallet(2));

        for (var i = 0; i < RateLimitedGrainCluster.PerMinute; i++)
        {
            await wallet.Stake($"s-{i}", p, E18);
        }

        var limited = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("s-3", p, E18));
        var repeat = await wallet.Stake("s-0", p, E18);
        await other.Stake("o-0", p, E18);
        var during = await wallet.Get();
        cluster.Time.Advance(TimeSpan.FromSeconds(20)); // a third of a minute: one operation's worth
        await wallet.Stake("s-3", p, E18);
        var again = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("s-4", p, E18));

        Assert.Equal(WalletErrors.RateLimited, limited.Code);
        Assert.Equal(WalletErrors.RateLimited, again.Code);
        Assert.Equal(E18, repeat.Staked);
        Assert.Equal(3 * E18, during.Positions.Single().Staked);
        Assert.Equal(4 * E18, (await wallet.Get()).Positions.Single().Staked);
    }
}
