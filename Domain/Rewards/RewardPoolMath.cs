using Actors.Domain.Money;

namespace Actors.Domain.Rewards;

/// <summary>
/// The reward pool's arithmetic, O(1) per operation whatever the number of stakers (the global reward index of
/// Synthetix's StakingRewards and MasterChef). Every change follows the same order: <see cref="Advance"/> the pool to now,
/// <see cref="Settle"/> the position at the new index, then change its shares (<see cref="ChangeShares"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>No stakers:</b> time passes without emission; the budget not emitted stays in the pool and is emitted later (or
/// stays unspent when the pool ends). <b>Exhausted budget:</b> emission stops; funding again resumes it from the time of the
/// funding, not retroactively. <b>Before start / after end:</b> nothing is emitted.
/// </para>
/// <para>
/// <b>Rounding:</b> the index grows by floor(reward * Scale / totalShares) per update; what that floor drops is dust, kept
/// by the pool (in scaled units, so conservation is an exact equation). A position accrues shares * indexGrowth exactly, in
/// scaled units, and a claim pays the whole base units of it, keeping the fraction for later. A staker therefore receives
/// what a second-by-second exact split would give, less at most shares / Scale base units per pool update.
/// </para>
/// </remarks>
public static class RewardPoolMath
{
    /// <summary>Creates a pool emitting <paramref name="ratePerSecond"/> from <paramref name="startTime"/> until <paramref name="endTime"/>.</summary>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    public static RewardPoolState Create(UInt256 ratePerSecond, long startTime, long endTime)
    {
        if (endTime <= startTime)
        {
            throw new ArgumentException("A pool's end time must be after its start time.", nameof(endTime));
        }

        return new RewardPoolState { RatePerSecond = ratePerSecond, StartTime = startTime, EndTime = endTime, LastUpdate = startTime };
    }

    /// <summary>Emits what is due between the last update and <paramref name="now"/> into the index.</summary>
    public static void Advance(RewardPoolState pool, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var until = Math.Clamp(now, pool.StartTime, pool.EndTime);
        if (until <= pool.LastUpdate)
        {
            return;
        }

        var elapsed = (ulong)(until - pool.LastUpdate);
        pool.LastUpdate = until;
        var remaining = pool.Remaining;
        if (pool.TotalShares.IsZero || remaining.IsZero || pool.RatePerSecond.IsZero)
        {
            return; // Nobody to credit, or nothing left to emit: the budget stays in the pool.
        }

        var reward = pool.RatePerSecond > remaining / elapsed ? remaining : UInt256.Min(pool.RatePerSecond * elapsed, remaining);
        var delta = RewardMath.IndexDelta(reward, pool.TotalShares);
        pool.Index += delta;
        pool.Emitted += reward;
        pool.DustScaled += (reward * RewardMath.Scale) - (delta * pool.TotalShares);
    }

    /// <summary>Adds <paramref name="amount"/> to the budget, after advancing the pool to <paramref name="now"/>.</summary>
    public static void Fund(RewardPoolState pool, UInt256 amount, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Advance(pool, now);
        pool.Budget += amount;
    }

    /// <summary>Credits the position with what its shares earned since it was last settled, up to <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentException">The position was settled at an index ahead of <paramref name="index"/>.</exception>
    public static void Settle(StakePosition position, UInt256 index)
    {
        ArgumentNullException.ThrowIfNull(position);
        if (position.IndexPaid > index)
        {
            throw new ArgumentException("A position cannot be settled at an index behind the one it was paid up to.", nameof(index));
        }

        position.AccruedScaled += position.Shares * (index - position.IndexPaid);
        position.IndexPaid = index;
    }

    /// <summary>Sets a position's effective shares: advance, settle, then change the pool's total.</summary>
    public static void ChangeShares(RewardPoolState pool, StakePosition position, UInt256 shares, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(position);
        Advance(pool, now);
        Settle(position, pool.Index);
        pool.TotalShares = pool.TotalShares - position.Shares + shares;
        position.Shares = shares;
    }

    /// <summary>Pays the position's whole accrued base units (advance and settle first) and returns the amount.</summary>
    public static UInt256 Claim(RewardPoolState pool, StakePosition position, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(position);
        Advance(pool, now);
        Settle(position, pool.Index);
        var amount = position.Claimable;
        position.AccruedScaled -= amount * RewardMath.Scale;
        pool.Claimed += amount;
        return amount;
    }

    /// <summary>What the position has accrued up to <paramref name="index"/> without changing it, in scaled units.</summary>
    public static UInt256 PendingScaled(StakePosition position, UInt256 index)
    {
        ArgumentNullException.ThrowIfNull(position);
        return position.AccruedScaled + (position.Shares * (index - position.IndexPaid));
    }
}
