using Actors.Domain.Money;

namespace Actors.Domain.Rewards;

/// <summary>
/// A reward pool's totals: what it emits, to how many shares, and how much it has handed out. O(1) in the number of
/// stakers: each staker's own position lives with the staker (<see cref="StakePosition"/>).
/// </summary>
/// <remarks>Times are whole seconds of Unix time, like <c>block.timestamp</c>.</remarks>
public sealed class RewardPoolState
{
    /// <summary>Base units emitted per second while the pool runs, has stakers and has budget left.</summary>
    public UInt256 RatePerSecond { get; set; }

    /// <summary>When emission starts (Unix seconds).</summary>
    public long StartTime { get; set; }

    /// <summary>When emission ends (Unix seconds); no emission at or after it.</summary>
    public long EndTime { get; set; }

    /// <summary>The time the index was last advanced to (Unix seconds, never before <see cref="StartTime"/>).</summary>
    public long LastUpdate { get; set; }

    /// <summary>Everything operators have funded, in base units. Emission stops when <see cref="Emitted"/> reaches it.</summary>
    public UInt256 Budget { get; set; }

    /// <summary>Everything emitted into the index so far.</summary>
    public UInt256 Emitted { get; set; }

    /// <summary>Everything stakers have claimed so far.</summary>
    public UInt256 Claimed { get; set; }

    /// <summary>The sum of the stakers' effective shares.</summary>
    public UInt256 TotalShares { get; set; }

    /// <summary>Cumulative reward per share, scaled by <see cref="RewardMath.Scale"/>.</summary>
    public UInt256 Index { get; set; }

    /// <summary>
    /// What the index could not represent (each update's reward minus index growth times shares), in 1/<see cref="RewardMath.Scale"/>
    /// base units, so that conservation is exact: Emitted * Scale = Claimed * Scale + every position's pending (scaled) + DustScaled.
    /// </summary>
    public UInt256 DustScaled { get; set; }

    /// <summary>
    /// What the pool owes its stakers, exactly, in 1/<see cref="RewardMath.Scale"/> base units: emitted, less claimed, less what
    /// the index could not represent. It equals the sum of every position's <see cref="RewardPoolMath.PendingScaled"/>.
    /// </summary>
    public UInt256 PendingScaled => ((Emitted - Claimed) * RewardMath.Scale) - DustScaled;

    /// <summary>
    /// What the pool owes its stakers in whole base units (<see cref="PendingScaled"/> rounded down). Each position shows the
    /// whole units of its own share, so the positions' figures add up to at most this: their fractions, less than one unit
    /// each, are still owed and are paid once they make a whole unit.
    /// </summary>
    public UInt256 Pending => PendingScaled / RewardMath.Scale;

    /// <summary>
    /// Emitted and owed to nobody in whole units: <see cref="Emitted"/> - <see cref="Claimed"/> - <see cref="Pending"/>, so that
    /// emitted = claimed + pending + dust exactly; it is <see cref="DustScaled"/> rounded up, and never decreases.
    /// </summary>
    public UInt256 Dust => Emitted - Claimed - Pending;

    /// <summary>Funded but not yet emitted: it stays in the pool.</summary>
    public UInt256 Remaining => Budget - Emitted;
}

/// <summary>One staker's position in one pool: effective shares, the index it was settled at, and what it has accrued.</summary>
public sealed class StakePosition
{
    /// <summary>Effective shares (staked amount times the staker's weight).</summary>
    public UInt256 Shares { get; set; }

    /// <summary>The pool index this position was last settled at.</summary>
    public UInt256 IndexPaid { get; set; }

    /// <summary>Accrued and unclaimed reward in 1/<see cref="RewardMath.Scale"/> base units (exact: nothing is rounded until a claim).</summary>
    public UInt256 AccruedScaled { get; set; }

    /// <summary>What a claim would pay now, in whole base units, as of <see cref="IndexPaid"/>.</summary>
    public UInt256 Claimable => AccruedScaled / RewardMath.Scale;
}
