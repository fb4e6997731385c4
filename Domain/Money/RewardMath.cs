namespace Actors.Domain.Money;

/// <summary>
/// The arithmetic of a global reward index (Synthetix <c>rewardPerToken</c>, MasterChef <c>accRewardPerShare</c>), shared by
/// reward pools and NFT dividends: the index is the cumulative reward per share, scaled by <see cref="Scale"/>; an account
/// earns its shares times the growth of the index since it was last settled.
/// </summary>
/// <remarks>
/// <para>
/// <b>Scale: 10^36.</b> Each update credits the index with floor(reward * 10^36 / totalShares), so what one update cannot
/// represent is less than totalShares / 10^36 base units: nothing for any realistic pool (10^36 base units staked would be
/// 10^18 whole tokens of 18 decimals), where the 10^27 "ray" would already drop up to 1,000 base units per update once
/// 10^30 base units are staked. The headroom left is ample: the index fits in 2^256 as long as the cumulative reward per
/// base unit of share stays below about 1.15 * 10^41 base units, and <see cref="Accrued"/> multiplies shares by the index
/// growth through a 512-bit intermediate, so the product shares * index may exceed 2^256 without harm. An index that would
/// pass 2^256-1 throws <see cref="OverflowException"/>; it never wraps.
/// </para>
/// <para>
/// <b>Rounding always favours the pool.</b> <see cref="IndexDelta"/> and <see cref="Accrued"/> both round down, so the sum of
/// what accounts accrue never exceeds what was emitted; the difference is dust, kept by the pool and reported. Order of
/// operations as in Synthetix: advance the index to now, settle the account with the new index, then change its shares.
/// </para>
/// </remarks>
public static class RewardMath
{
    /// <summary>The index scale as a power of ten: the index holds reward per share times 10^36.</summary>
    public const int ScaleDecimals = 36;

    /// <summary>10^36: one base unit of reward per one base unit of share.</summary>
    public static UInt256 Scale { get; } = UInt256.Pow10(ScaleDecimals);

    /// <summary>
    /// How much the index grows when <paramref name="rewardAmount"/> is shared over <paramref name="totalShares"/>:
    /// floor(rewardAmount * Scale / totalShares).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There are no shares: with nobody to credit, the caller keeps the reward.</exception>
    /// <exception cref="OverflowException">The index growth exceeds 2^256-1.</exception>
    public static UInt256 IndexDelta(UInt256 rewardAmount, UInt256 totalShares)
    {
        if (totalShares.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(totalShares), "A reward cannot be shared over zero shares; the pool keeps it.");
        }

        return UInt256.MulDivDown(rewardAmount, Scale, totalShares);
    }

    /// <summary>
    /// What <paramref name="shares"/> earned while the index grew from <paramref name="indexPaid"/> to <paramref name="indexNow"/>:
    /// floor(shares * (indexNow - indexPaid) / Scale).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="indexPaid"/> is ahead of <paramref name="indexNow"/> (an index only grows).</exception>
    public static UInt256 Accrued(UInt256 shares, UInt256 indexNow, UInt256 indexPaid)
    {
        if (indexPaid > indexNow)
        {
            throw new ArgumentException("The index an account was paid up to cannot be ahead of the current index.", nameof(indexPaid));
        }

        return UInt256.MulDivDown(shares, indexNow - indexPaid, Scale);
    }

    /// <summary>
    /// What an index growth of <paramref name="indexDelta"/> hands out over <paramref name="totalShares"/> at most:
    /// floor(totalShares * indexDelta / Scale). The reward minus this is the dust of that update.
    /// </summary>
    public static UInt256 Distributable(UInt256 indexDelta, UInt256 totalShares) =>
        UInt256.MulDivDown(totalShares, indexDelta, Scale);
}
