using Actors.Domain.Money;
using Actors.Runtime;

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
public sealed record PoolTerms(UInt256 RatePerSecond, long StartTime, long EndTime);

/// <summary>A pool's figures, as of <see cref="LastUpdate"/>.</summary>
public sealed record PoolInfo(
    string PoolId,
    bool Exists,
    UInt256 RatePerSecond,
    long StartTime,
    long EndTime,
    long LastUpdate,
    UInt256 Budget,
    UInt256 Emitted,
    UInt256 Claimed,
    UInt256 Dust,
    UInt256 Remaining,
    UInt256 TotalShares,
    UInt256 Index,
    int Scale);

/// <summary>What a wallet does to its position in a pool.</summary>
public enum PoolOperationKind
{
    /// <summary>Set the position's effective shares (stake, unstake, or a weight change).</summary>
    SetShares = 1,

    /// <summary>Pay the position's accrued reward.</summary>
    Claim = 2,
}

/// <summary>A wallet's operation on its position, with the position as the wallet holds it before the operation.</summary>
public sealed record PoolOperation(
    string Wallet,
    string OperationId,
    PoolOperationKind Kind,
    UInt256 Shares,
    UInt256 IndexPaid,
    UInt256 AccruedScaled,
    UInt256 NewShares);

/// <summary>The index the wallet settles at, and for a claim the base units paid.</summary>
public sealed record PoolOperationResult(UInt256 Index, UInt256 Paid);
