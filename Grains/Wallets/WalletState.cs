using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Wallets;

/// <summary>The wallet grain's stored state.</summary>
public sealed class WalletState
{
    /// <summary>Positions by pool id.</summary>
    public Dictionary<string, PositionState> Positions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rewards claimed from every pool, in base units.</summary>
    public UInt256 ClaimedRewards { get; set; }

    /// <summary>The anti-Sybil weight in basis points.</summary>
    public uint WeightBasisPoints { get; set; } = WalletLimits.NeutralWeightBasisPoints;

    /// <summary>A pool operation stored before it was sent, until its result is stored.</summary>
    public PendingOperation? Pending { get; set; }

    /// <summary>Pool operations whose results are stored but which their pool has not been told to forget yet.</summary>
    public List<PendingConfirmation> ToConfirm { get; set; } = [];

    /// <summary>Recent operations with their results, oldest first.</summary>
    public List<CompletedOperation> Recent { get; set; } = [];
}

/// <summary>A position as the wallet stores it: staked amount, effective shares, index paid and exact accrued reward (scaled).</summary>
public sealed class PositionState
{
    /// <summary>The amount staked, in base units.</summary>
    public UInt256 Staked { get; set; }

    /// <summary>Effective shares: staked times the wallet's weight.</summary>
    public UInt256 Shares { get; set; }

    /// <summary>The pool index the position was settled at.</summary>
    public UInt256 IndexPaid { get; set; }

    /// <summary>Accrued and unclaimed reward in 1/10^36 base units.</summary>
    public UInt256 AccruedScaled { get; set; }
}

/// <summary>A pool operation under way: the pool, the operation as sent, and the staked amount it leads to.</summary>
public sealed record PendingOperation(string PoolId, PoolOperation Operation, UInt256 Staked);

/// <summary>A completed operation and its serialized result.</summary>
public sealed record CompletedOperation(string OperationId, string Kind, string PoolId, UInt256 Amount, string Result);

/// <summary>A pool operation the wallet has stored the result of, still to be confirmed to its pool.</summary>
public sealed record PendingConfirmation(string PoolId, string OperationId);
