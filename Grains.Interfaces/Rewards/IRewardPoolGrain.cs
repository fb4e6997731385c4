using Orleans.Concurrency;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Rewards;

/// <summary>
/// A reward pool: emits a budget funded by operators to its stakers at a rate per second, through a global reward index,
/// O(1) per operation whatever the number of stakers. Stakers' positions live in their wallet grains; a wallet changes its
/// position in a pool through <see cref="Apply"/> and <see cref="Confirm"/>, which make each operation count exactly once.
/// </summary>
public interface IRewardPoolGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the pool with its terms. Creating again with the same terms returns the pool; other terms are refused with
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    Task<PoolInfo> Create(PoolTerms terms);

    /// <summary>Adds to the budget once per <paramref name="operationId"/> (a repeat changes nothing) and returns the pool.</summary>
    Task<PoolInfo> Fund(string operationId, UInt256 amount);

    /// <summary>The pool advanced to now (not stored: reading changes nothing).</summary>
    [ReadOnly]
    Task<PoolInfo> GetInfo();

    /// <summary>
    /// Called by a wallet: advances the pool, applies the wallet's operation to the pool's totals, and returns the index the
    /// wallet settles at (and, for a claim, the amount paid). The result is kept until the wallet confirms it, so a repeat of
    /// the same operation id returns it again instead of applying twice.
    /// </summary>
    Task<PoolOperationResult> Apply(PoolOperation operation);

    /// <summary>Called by a wallet once it has stored the result of an operation: the pool forgets it.</summary>
    Task Confirm(string wallet, string operationId);
}

/// <summary>A pool's terms, set at creation.</summary>
/// <param name="RatePerSecond">Base units emitted per second while the pool has stakers and budget.</param>
/// <param name="StartTime">Emission start, Unix seconds.</param>
/// <param name="EndTime">Emission end, Unix seconds (after the start).</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolTerms")]
public sealed record PoolTerms([property: Id(0)] UInt256 RatePerSecond, [property: Id(1)] long StartTime, [property: Id(2)] long EndTime);

/// <summary>A pool's figures, as of <see cref="LastUpdate"/>.</summary>
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
    [property: Id(13)] int Scale);

/// <summary>What a wallet does to its position in a pool.</summary>
public enum PoolOperationKind
{
    /// <summary>Set the position's effective shares (stake, unstake, or a weight change).</summary>
    SetShares = 1,

    /// <summary>Pay the position's accrued reward.</summary>
    Claim = 2,
}

/// <summary>A wallet's operation on its position, with the position as the wallet holds it before the operation.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolOperation")]
public sealed record PoolOperation(
    [property: Id(0)] string Wallet,
    [property: Id(1)] string OperationId,
    [property: Id(2)] PoolOperationKind Kind,
    [property: Id(3)] UInt256 Shares,
    [property: Id(4)] UInt256 IndexPaid,
    [property: Id(5)] UInt256 AccruedScaled,
    [property: Id(6)] UInt256 NewShares);

/// <summary>The index the wallet settles at, and for a claim the base units paid.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.PoolOperationResult")]
public sealed record PoolOperationResult([property: Id(0)] UInt256 Index, [property: Id(1)] UInt256 Paid);
