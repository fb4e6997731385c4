using Orleans.Concurrency;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Rewards;

/// <summary>
/// A reward pool: emits a budget funded by operators to its stakers at a rate per second, through a global reward index,
/// O(1) per operation whatever the number of stakers. The pool keeps its own record of every position (shares, the index it
/// was settled at, what it accrued) and pays from that record only; a wallet changes its position through <see cref="Apply"/>
/// and <see cref="Confirm"/>, which make each operation count exactly once.
/// </summary>
public interface IRewardPoolGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the pool with its terms (within <see cref="Domain.Rewards.RewardPoolMath"/>'s bounds). Creating again with the
    /// same terms returns the pool; other terms are refused with <see cref="RequestRejectedException"/> coded
    /// <see cref="PoolErrors.OtherTerms"/>.
    /// </summary>
    Task<PoolInfo> Create(PoolTerms terms);

    /// <summary>Adds to the budget once per <paramref name="operationId"/> (a repeat changes nothing) and returns the pool.</summary>
    Task<PoolInfo> Fund(string operationId, UInt256 amount);

    /// <summary>The pool advanced to now (not stored: reading changes nothing).</summary>
    [ReadOnly]
    Task<PoolInfo> GetInfo();

    /// <summary>The pool's record of a wallet's position, or null when the wallet never staked in it.</summary>
    [ReadOnly]
    Task<PoolPosition?> GetPosition(string wallet);

    /// <summary>
    /// Called by a wallet: advances the pool, applies the operation to the pool's own record of the wallet's position and to
    /// its totals, and returns the index, the position after it and, for a claim, the amount paid. The result is kept until
    /// the wallet confirms it, so a repeat of the same operation id returns it again instead of applying twice.
    /// </summary>
    Task<PoolOperationResult> Apply(PoolOperation operation);

    /// <summary>Called by a wallet once it has stored the result of an operation: the pool forgets it.</summary>
    Task Confirm(string wallet, string operationId);
}

/// <summary>A pool's terms, set at creation.</summary>
/// <param name="RatePerSecond">Base units emitted per second while the pool has stakers and budget (at most 2^128-1).</param>
/// <param name="StartTime">Emission start, Unix seconds (1970 to 9999-12-31T23:59:59Z).</param>
/// <param name="EndTime">Emission end, Unix seconds (after the start, at most 9999-12-31T23:59:59Z).</param>
/// <param name="StakeAsset">The asset stakes draw on (a wallet balance), <see cref="PoolAssets.DefaultStake"/> by default.</param>
/// <param name="RewardAsset">The asset claims credit, <see cref="PoolAssets.DefaultReward"/> by default.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolTerms")]
public sealed record PoolTerms(
    [property: Id(0)] UInt256 RatePerSecond,
    [property: Id(1)] long StartTime,
    [property: Id(2)] long EndTime,
    [property: Id(3)] string StakeAsset = PoolAssets.DefaultStake,
    [property: Id(4)] string RewardAsset = PoolAssets.DefaultReward);

/// <summary>A pool's figures, as of <see cref="LastUpdate"/>: in whole base units, Emitted = Claimed + Pending + Dust exactly.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolInfo")]
public sealed record PoolInfo(
    [property: Id(0)] string PoolId,
    [property: Id(1)] bool Exists,
    [property: Id(2)] UInt256 RatePerSecond,
    [property: Id(3)] long StartTime,
    [property: Id(4)] long EndTime,
    [property: Id(5)] long LastUpdate,
    [property: Id(6)] UInt256 Budget,
    [property: Id(7)] UInt256 Emitted,
    [property: Id(8)] UInt256 Claimed,
    [property: Id(9)] UInt256 Dust,
    [property: Id(10)] UInt256 Remaining,
    [property: Id(11)] UInt256 TotalShares,
    [property: Id(12)] UInt256 Index,
    [property: Id(13)] int Scale,
    [property: Id(14)] UInt256 Pending,
    [property: Id(15)] UInt256 PendingScaled,
    [property: Id(16)] string StakeAsset,
    [property: Id(17)] string RewardAsset,
    [property: Id(18)] int Stakers = 0);

/// <summary>What a wallet does to its position in a pool.</summary>
public enum PoolOperationKind
{
    /// <summary>Set the position's effective shares (stake, unstake, or a weight change).</summary>
    SetShares = 1,

    /// <summary>Pay the position's accrued reward.</summary>
    Claim = 2,
}

/// <summary>A wallet's operation on its position; the pool applies it to its own record of the position.</summary>
/// <param name="Wallet">The wallet's key.</param>
/// <param name="OperationId">The operation's id, unique per wallet.</param>
/// <param name="Kind">What to do.</param>
/// <param name="NewShares">For <see cref="PoolOperationKind.SetShares"/>, the position's effective shares after it.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolOperation")]
public sealed record PoolOperation(
    [property: Id(0)] string Wallet,
    [property: Id(1)] string OperationId,
    [property: Id(2)] PoolOperationKind Kind,
    [property: Id(3)] UInt256 NewShares);

/// <summary>A position as the pool records it: effective shares, the index it was settled at, and its exact accrual.</summary>
/// <param name="Shares">Effective shares.</param>
/// <param name="IndexPaid">The pool index the position was last settled at.</param>
/// <param name="AccruedScaled">Accrued and unpaid reward, in 1/10^36 base units.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolPosition")]
public sealed record PoolPosition([property: Id(0)] UInt256 Shares, [property: Id(1)] UInt256 IndexPaid, [property: Id(2)] UInt256 AccruedScaled);

/// <summary>The index the operation settled at, the position after it, and for a claim the base units paid.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolOperationResult")]
public sealed record PoolOperationResult([property: Id(0)] UInt256 Index, [property: Id(1)] UInt256 Paid, [property: Id(2)] PoolPosition Position);

/// <summary>The assets of pools.</summary>
public static class PoolAssets
{
    /// <summary>The asset a pool's stakes draw on unless its terms name another.</summary>
    public const string DefaultStake = "STAKE";

    /// <summary>The asset a pool's claims credit unless its terms name another.</summary>
    public const string DefaultReward = "REWARD";
}

/// <summary>The codes of a pool's <see cref="RequestRejectedException"/>s.</summary>
public static class PoolErrors
{
    /// <summary>The pool exists with other terms.</summary>
    public const string OtherTerms = "pool_exists";

    /// <summary>The pool holds as many unconfirmed operations as it takes; try again shortly.</summary>
    public const string Busy = "pool_busy";

    /// <summary>The wallet has no position in the pool to claim from.</summary>
    public const string NoPosition = "no_position";

    /// <summary>The operation id was applied with other content.</summary>
    public const string OperationReused = "operation_reused";
}
