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
    /// <summary>
    /// The largest amount a pool takes: a rate per second, a funding, a budget in all (2^128-1, about 3.4 * 10^38 base units,
    /// 3.4 * 10^20 whole tokens of 18 decimals). With it, every intermediate stays within 256 bits: a reward times the index
    /// scale (10^36, below 2^120) stays below 2^248, and so does the index, which grows by at most the budget times the scale.
    /// </summary>
    public static UInt256 MaxAmount { get; } = new(0, 0, ulong.MaxValue, ulong.MaxValue);

    /// <summary>The most effective shares a pool holds in all (2^192-1): ten times the largest stake of every wallet, many times over.</summary>
    public static UInt256 MaxTotalShares { get; } = new(0, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>The latest time a pool may start or end: 9999-12-31T23:59:59Z, the last second an ISO-8601 date can name.</summary>
    public const long MaxTime = 253_402_300_799;

    /// <summary>Creates a pool emitting <paramref name="ratePerSecond"/> from <paramref name="startTime"/> until <paramref name="endTime"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is above <see cref="MaxAmount"/>, or a time is before 1970 or after <see cref="MaxTime"/>.</exception>
    /// <exception cref="ArgumentException">The end is not after the start.</exception>
    public static RewardPoolState Create(UInt256 ratePerSecond, long startTime, long endTime)
    {
        if (ratePerSecond > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "A pool's rate is at most 2^128-1 base units per second.");
        }

        if (startTime is < 0 or > MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), "A pool's start time must be between 1970 and 9999-12-31T23:59:59Z.");
        }

        if (endTime > MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(endTime), "A pool's end time must be at most 9999-12-31T23:59:59Z.");
        }

        if (endTime <= startTime)
        {
            throw new ArgumentException("A pool's end time must be after its start time.", nameof(endTime));
        }

        return new RewardPoolState { RatePerSecond = ratePerSecond, StartTime = startTime, EndTime = endTime, LastUpdate = startTime };
    }

    /// <summary>Emits what is due between the last update and <paramref name="now"/> into the index; a failure changes nothing.</summary>
    /// <exception cref="OverflowException">A figure would pass 2^256-1 (only for a pool built past the bounds).</exception>
    public static void Advance(RewardPoolState pool, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var until = Math.Clamp(now, pool.StartTime, pool.EndTime);
        if (until <= pool.LastUpdate)
        {
            return;
        }

        var elapsed = (ulong)(until - pool.LastUpdate);
        var remaining = pool.Remaining;
        if (pool.TotalShares.IsZero || remaining.IsZero || pool.RatePerSecond.IsZero)
        {
            pool.LastUpdate = until; // Nobody to credit, or nothing left to emit: the budget stays in the pool.
            return;
        }

        // Every figure is computed before any is stored, so that an overflow leaves the pool as it was.
        var reward = pool.RatePerSecond > remaining / elapsed ? remaining : UInt256.Min(pool.RatePerSecond * elapsed, remaining);
        var delta = RewardMath.IndexDelta(reward, pool.TotalShares);
        var index = pool.Index + delta;
        var emitted = pool.Emitted + reward;
        var dust = pool.DustScaled + ((reward * RewardMath.Scale) - (delta * pool.TotalShares));
        (pool.LastUpdate, pool.Index, pool.Emitted, pool.DustScaled) = (until, index, emitted, dust);
    }

    /// <summary>Adds <paramref name="amount"/> to the budget, after advancing the pool to <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget would pass <see cref="MaxAmount"/>; nothing changes.</exception>
    public static void Fund(RewardPoolState pool, UInt256 amount, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (amount > MaxAmount - pool.Budget)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), $"A pool's budget is at most 2^128-1 base units in all; it holds {pool.Budget}.");
        }

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
    /// <exception cref="ArgumentOutOfRangeException">The pool's total would pass <see cref="MaxTotalShares"/>; nothing changes.</exception>
    public static void ChangeShares(RewardPoolState pool, StakePosition position, UInt256 shares, long now)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(position);
        if (shares > position.Shares && shares - position.Shares > MaxTotalShares - pool.TotalShares)
        {
            throw new ArgumentOutOfRangeException(nameof(shares), "A pool holds at most 2^192-1 effective shares in all.");
        }

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
