using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests.Rewards;

/// <summary>What a pool's figures must be given its stakers' positions, computed from the positions alone.</summary>
internal static class PoolAccounting
{
    /// <summary>
    /// The pool's total shares are the positions' shares, it emitted no more than its budget, and every emitted unit is claimed,
    /// pending in a position or dust.
    /// </summary>
    public static void AssertAccountsFor(PoolInfo info, IReadOnlyCollection<PositionView> positions)
    {
        var shares = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Shares);
        // Pending as of the pool's index now: what each position accrued when last settled plus its shares' growth since.
        var accrued = positions.Aggregate(UInt256.Zero, (sum, p) => sum + p.Accrued + RewardMath.Accrued(p.Shares, info.Index, p.IndexPaid));
        Assert.Equal(shares, info.TotalShares);
        Assert.True(info.Emitted <= info.Budget, $"pool {info.PoolId} emitted more than its budget");

        // Emitted = claimed + pending + dust exactly in scaled units; in whole units each of the floors loses less than one.
        var accounted = info.Claimed + accrued + info.Dust;
        Assert.True(accounted <= info.Emitted, $"pool {info.PoolId}: {accounted} accounted for but only {info.Emitted} emitted");
        Assert.True(info.Emitted - accounted <= (UInt256)(ulong)((2 * positions.Count) + 1), $"pool {info.PoolId}: {info.Emitted - accounted} units unaccounted for");
    }
}
