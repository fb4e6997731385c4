using Actors.Domain.Money;
using Actors.Runtime;

namespace Actors.Grains.Interfaces.Wallets;

/// <summary>
/// A wallet, keyed by its address: its positions in reward pools, the rewards it has claimed, and its anti-Sybil weight.
/// Every state-changing call carries an operation id: a repeat (a retry after a timeout or a failover) returns the first
/// result and has no second effect. Staking operations span the wallet and the pool; the pool's totals always equal the sum
/// of the wallets' positions once operations have completed.
/// </summary>
public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>Stakes <paramref name="amount"/> more in the pool; returns the position after it.</summary>
    Task<PositionView> Stake(string operationId, string poolId, UInt256 amount);

    /// <summary>Unstakes <paramref name="amount"/> (at most what is staked); rewards accrued so far stay claimable.</summary>
    Task<PositionView> Unstake(string operationId, string poolId, UInt256 amount);

    /// <summary>Pays what the position has accrued into the wallet's claimed rewards; returns the amount paid.</summary>
    Task<ClaimView> Claim(string operationId, string poolId);

    /// <summary>
    /// Sets the anti-Sybil weight in basis points (10,000 = 1x; 0..<see cref="WalletLimits.MaxWeightBasisPoints"/>): every
    /// position's effective shares become staked * weight / 10,000, each re-checkpointed in its pool.
    /// </summary>
    Task<WalletView> SetWeight(string operationId, uint weightBasisPoints);

    /// <summary>
    /// Finishes a pool operation the wallet stored but did not complete (it failed between the saga's steps). Pools call it
    /// for operations they applied that stay unconfirmed; it changes nothing when no operation is pending.
    /// </summary>
    Task FinishPendingOperations();

    /// <summary>The wallet's positions and totals.</summary>
    [ReadOnly]
    Task<WalletView> Get();
}

/// <summary>Limits of wallet operations.</summary>
public static class WalletLimits
{
    /// <summary>The neutral weight: effective shares equal the staked amount.</summary>
    public const uint NeutralWeightBasisPoints = 10_000;

    /// <summary>The largest weight: effective shares at most 10x the staked amount.</summary>
    public const uint MaxWeightBasisPoints = 100_000;
}

/// <summary>A position in one pool: staked amount, effective shares, the index it was settled at, and its whole accrued units.</summary>
public sealed record PositionView(string PoolId, UInt256 Staked, UInt256 Shares, UInt256 IndexPaid, UInt256 Accrued);

/// <summary>A claim's outcome.</summary>
public sealed record ClaimView(string PoolId, UInt256 Paid, UInt256 ClaimedRewards);

/// <summary>The wallet's positions, claimed rewards and weight.</summary>
public sealed record WalletView(string Wallet, uint WeightBasisPoints, UInt256 ClaimedRewards, IReadOnlyList<PositionView> Positions, bool HasPendingOperation);
