using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests.Rewards;

/// <summary>What a pool's figures must be given its stakers' positions, computed from the positions alone.</summary>
internal static class PoolAccounting
{
    /// <summary>
    /// The pool's total shares are the positions' shares, it emitted no more than its budget, what it owes is exactly what the
    /// positions hold, and its public figures balance in whole units: emitted = claimed + pending + dust.
    /// </summary>
    public static void AssertAccountsFor(PoolInfo info, IReadOnlyCollection<PositionView> positions)
    {
        var shares = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Shares);
        Assert.Equal(shares, info.TotalShares);
        Assert.True(info.Emitted <= info.Budget, $"pool {info.PoolId} emitted more than its budget");

        // Each position as of the pool's index now: its exact accrual when last settled plus its shares' growth since.
        var held = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.AccruedScaled + (p.Shares * (info.Index - p.IndexPaid)));
        var whole = positions.Aggregate(UInt256.Zero, (sum, p) => sum + ((p.AccruedScaled + (p.Shares * (info.Index - p.IndexPaid))) / RewardMath.Scale));
        Assert.Equal(held, info.PendingScaled);
        Assert.Equal(held / RewardMath.Scale, info.Pending);
        Assert.Equal(info.Emitted - info.Claimed - (held / RewardMath.Scale), info.Dust);

        // The positions show the whole units of their own exact share: together at most what the pool owes.
        Assert.True(whole <= info.Pending, $"pool {info.PoolId}: the positions show {whole} but the pool owes {info.Pending}");
    }
}
