using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Wallets;

/// <summary>
/// The wallet grain's stored state. A million wallets may be active in one silo, so lists a typical wallet leaves empty
/// (guardians, freeze reasons, collections, confirmations) are null until used.
/// </summary>
public sealed class WalletState
{
    /// <summary>The key that controls the wallet; null until a recovery rotates it (the wallet's own address).</summary>
    public EthereumAddress? Owner { get; set; }

    /// <summary>Who may approve a recovery; null for none.</summary>
    public List<EthereumAddress>? Guardians { get; set; }

    /// <summary>How many guardians must approve a recovery.</summary>
    public int Threshold { get; set; }

    /// <summary>Why the wallet is frozen; null or empty when it is not.</summary>
    public List<FreezeReason>? FreezeReasons { get; set; }

    /// <summary>The next signed-request nonce.</summary>
    public ulong Nonce { get; set; }

    /// <summary>Sign-in nonces used and not yet expired, with when each expires (Unix seconds); null for none.</summary>
    public Dictionary<string, long>? UsedSignInNonces { get; set; }

    /// <summary>When the wallet was first stored (Unix seconds).</summary>
    public long CreatedAt { get; set; }

    /// <summary>Bound into what guardians sign; bumped by every finalized recovery.</summary>
    public ulong RecoveryNonce { get; set; }

    /// <summary>The recovery under way (past its guardians' threshold), if any.</summary>
    public string? ActiveRecovery { get; set; }

    /// <summary>When the recovery under way expires unless its timelock starts (Unix seconds); 0 once it has started.</summary>
    public long ActiveRecoveryExpiresAt { get; set; }

    /// <summary>Open recovery requests and when each expires (Unix seconds); while any is open, outgoing value is in escrow.</summary>
    public Dictionary<string, long>? OpenRecoveries { get; set; }

    /// <summary>The last finalized recovery, so that its finalization repeats safely.</summary>
    public string? LastRecovery { get; set; }

    /// <summary>Device fingerprint hashes of recent sign-ins, newest last; null for none.</summary>
    public List<Hash32>? KnownDevices { get; set; }

    /// <summary>Countries of recent sign-ins, newest last; null for none.</summary>
    public List<string>? RecentGeos { get; set; }

    /// <summary>The last sign-ins (private: device and client address hashes), oldest first.</summary>
    public List<SignInRecord>? SignIns { get; set; }

    /// <summary>The step-up the wallet asks for, if any.</summary>
    public StepUp? StepUp { get; set; }

    /// <summary>Sessions ended before their expiry (logouts), by id: when each would have expired.</summary>
    public Dictionary<string, long>? EndedSessions { get; set; }

    /// <summary>When recoveries met their guardians' threshold (Unix seconds), newest last; null for none.</summary>
    public List<long>? RecoveryAttempts { get; set; }

    /// <summary>Holdings by NFT collection id; null for none.</summary>
    public Dictionary<string, CollectionHoldings>? Collections { get; set; }

    /// <summary>Available balances by asset, in base units; null until the first deposit.</summary>
    public Dictionary<string, UInt256>? Balances { get; set; }

    /// <summary>Every deposit credited, by its external reference, so that a repeated one counts once; null for none.</summary>
    public Dictionary<string, DepositRecord>? Deposits { get; set; }

    /// <summary>Withdrawal requests, oldest first; null for none.</summary>
    public List<WithdrawalView>? Withdrawals { get; set; }

    /// <summary>Positions by pool id.</summary>
    public Dictionary<string, PositionState> Positions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rewards claimed from every pool, in base units.</summary>
    public UInt256 ClaimedRewards { get; set; }

    /// <summary>The anti-Sybil weight in basis points.</summary>
    public uint WeightBasisPoints { get; set; } = WalletLimits.NeutralWeightBasisPoints;

    /// <summary>A pool operation stored before it was sent, until its result is stored.</summary>
    public PendingOperation? Pending { get; set; }

    /// <summary>Pool operations whose results are stored but which their pool has not been told to forget yet; null for none.</summary>
    public List<PendingConfirmation>? ToConfirm { get; set; }

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

    /// <summary>Accrued and unclaimed reward in 1/10^36 base units, as the pool last answered.</summary>
    public UInt256 AccruedScaled { get; set; }

    /// <summary>The asset the stake was drawn from (the pool's stake asset).</summary>
    public string StakeAsset { get; set; } = PoolAssets.DefaultStake;

    /// <summary>The asset claims credit (the pool's reward asset).</summary>
    public string RewardAsset { get; set; } = PoolAssets.DefaultReward;
}

/// <summary>
/// A pool operation under way: the pool, the operation as sent, the staked amount it leads to, the caller's request to
/// remember with its result (none for the wallet's own reweighing), what a stake drew from the balance (given back if the pool
/// refuses), and the pool's assets.
/// </summary>
public sealed record PendingOperation(
    string PoolId, PoolOperation Operation, UInt256 Staked, OperationRecord? Record, UInt256 Debited = default,
    string StakeAsset = PoolAssets.DefaultStake, string RewardAsset = PoolAssets.DefaultReward);

/// <summary>A deposit credited: its asset, amount, and when (Unix seconds).</summary>
public sealed record DepositRecord(string Asset, UInt256 Amount, long At);

/// <summary>A caller's operation: its id, kind and request text, as <see cref="CompletedOperation"/> remembers them.</summary>
public sealed record OperationRecord(string OperationId, string Kind, string Request);

/// <summary>The wallet's standing in one NFT collection.</summary>
public sealed class CollectionHoldings
{
    /// <summary>Tokens held, with the collection index each accrues from.</summary>
    public Dictionary<string, UInt256> Held { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// For every token that has arrived or left, the last ownership change the wallet applied and the index it applied it at,
    /// so that a token's repeated notice changes nothing and a repeated release returns the same index.
    /// </summary>
    public Dictionary<string, TokenMark> Marks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Dividends settled and not yet paid, in 1/10^36 base units.</summary>
    public UInt256 AccruedScaled { get; set; }

    /// <summary>Dividends paid, in base units.</summary>
    public UInt256 Claimed { get; set; }

    /// <summary>Operators approved for the collection.</summary>
    public List<EthereumAddress> Operators { get; set; } = [];
}

/// <summary>The last ownership change of a token the wallet applied, and the collection index it was applied at.</summary>
public sealed record TokenMark(long Sequence, UInt256 Index);

/// <summary>A pool operation the wallet has stored the result of, still to be confirmed to its pool.</summary>
public sealed record PendingConfirmation(string PoolId, string OperationId);
