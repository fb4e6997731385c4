using Orleans.Concurrency;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Wallets;

/// <summary>
/// A wallet, keyed by its address in lowercase (<see cref="WalletKeys.Of"/>): its owner key, guardians, freeze reasons and
/// signed-request nonce; its positions in reward pools, the rewards it has claimed and its anti-Sybil weight; and, per NFT
/// collection, the tokens it holds, their dividends and the operators it has approved.
/// Every state-changing call carries an operation id: a repeat (a retry after a timeout or a failover) returns the first
/// result and has no second effect. Staking operations span the wallet and the pool; the pool's totals always equal the sum
/// of the wallets' positions once operations have completed.
/// Sensitive operations (moving value out or changing who controls the wallet) are refused with a
/// <see cref="RequestRejectedException"/> coded <see cref="WalletErrors.Frozen"/> while the wallet is frozen, and coded
/// <see cref="WalletErrors.RateLimited"/> above the wallet's rate limit. A wallet calls pools and collections, never tokens,
/// so tokens may call it while it waits on them.
/// </summary>
public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>Stakes <paramref name="amount"/> more in the pool; returns the position after it.</summary>
    Task<PositionView> Stake(string operationId, string poolId, UInt256 amount);

    /// <summary>Unstakes <paramref name="amount"/> (at most what is staked); rewards accrued so far stay claimable.</summary>
    Task<PositionView> Unstake(string operationId, string poolId, UInt256 amount);

    /// <summary>
    /// Pays what the pool's record of the position has accrued, in whole base units, into the balance of the pool's reward
    /// asset; returns the amount paid.
    /// </summary>
    Task<ClaimView> Claim(string operationId, string poolId);

    /// <summary>
    /// Called by the deposit of <paramref name="reference"/> (<see cref="IDepositGrain"/>): credits <paramref name="amount"/> of
    /// <paramref name="asset"/> to the balance. The wallet remembers every reference it credited, so a repeat has no second
    /// effect; the same reference with another asset or amount is refused (<see cref="WalletErrors.DepositReused"/>). A
    /// balance holds at most 2^128-1 base units.
    /// </summary>
    Task<WalletView> CreditDeposit(string reference, string asset, UInt256 amount);

    /// <summary>
    /// Debits <paramref name="amount"/> of <paramref name="asset"/> from the balance into a withdrawal request to
    /// <paramref name="to"/> (refused with <see cref="WalletErrors.InsufficientBalance"/> beyond the balance; a sensitive
    /// operation, stopped by a freeze).
    /// </summary>
    Task<WithdrawalView> Withdraw(string operationId, string asset, UInt256 amount, EthereumAddress to);

    /// <summary>The wallet's withdrawal requests, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WithdrawalView>> GetWithdrawals();

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

    /// <summary>The wallet: owner, guardians, freeze, nonce, positions and holdings.</summary>
    [ReadOnly]
    Task<WalletView> Get();

    /// <summary>
    /// Sets the guardians who may approve a recovery, and how many of them must (1..n; 0 means the default, ceil(n/2)). No
    /// guardians clears the set. Guardians are distinct and are neither the wallet nor its owner.
    /// </summary>
    Task<WalletView> SetGuardians(string operationId, IReadOnlyList<EthereumAddress> guardians, int threshold);

    /// <summary>Freezes the wallet for <paramref name="reason"/> (a code such as <c>operator</c>); it stays frozen until every reason is lifted.</summary>
    Task<WalletView> Freeze(string operationId, string reason);

    /// <summary>Lifts one freeze reason.</summary>
    Task<WalletView> Unfreeze(string operationId, string reason);

    /// <summary>
    /// Consumes the signed-request nonce: succeeds only when <paramref name="nonce"/> is the current one, and returns the next.
    /// A request signed over a used nonce is refused with <see cref="WalletErrors.StaleNonce"/>.
    /// </summary>
    Task<ulong> UseNonce(ulong nonce);

    /// <summary>Grants or revokes an operator for every token the wallet holds in a collection, now or later (EIP-721 setApprovalForAll).</summary>
    Task<WalletView> SetOperator(string operationId, string collectionId, EthereumAddress operatorAddress, bool approved);

    /// <summary>Pays the dividends the wallet has accrued in a collection (settled at transfers, and accrued on the tokens it holds).</summary>
    Task<DividendClaimView> ClaimDividends(string operationId, string collectionId);

    /// <summary>The wallet's tokens in a collection and the dividends accrued on them, as of the collection's current index.</summary>
    [ReadOnly]
    Task<HoldingsView> GetHoldings(string collectionId);

    /// <summary>
    /// Called by a token the wallet holds before it moves or changes its approval on behalf of <paramref name="caller"/>:
    /// returns whether the caller may act (the wallet itself, its owner, one of its operators for the collection, or an
    /// address the token has approved, <paramref name="approvedByToken"/>). For a caller who may, it then refuses (throws)
    /// while the wallet is frozen or over its rate limit.
    /// </summary>
    [ReadOnly]
    Task<bool> AuthorizeTokenAction(string collectionId, EthereumAddress caller, bool approvedByToken);

    /// <summary>
    /// Called by a token leaving the wallet (ownership change <paramref name="sequence"/>): settles the dividend it accrued up
    /// to the collection's current index and returns that index. A repeat returns the same index.
    /// </summary>
    Task<UInt256> ReleaseToken(string collectionId, string tokenId, long sequence);

    /// <summary>Called by a token arriving (ownership change <paramref name="sequence"/>): the wallet accrues on it from <paramref name="index"/>. Repeats change nothing.</summary>
    Task AcceptToken(string collectionId, string tokenId, long sequence, UInt256 index);

    /// <summary>The index from which the wallet accrues on a token it holds, or null when it does not hold it (yet).</summary>
    [ReadOnly]
    Task<UInt256?> HeldTokenIndex(string collectionId, string tokenId);

    /// <summary>
    /// Uses up a Sign-In with Ethereum nonce the wallet's owner key has signed in with, valid until <paramref name="expiresAt"/>
    /// (the gateway issues nonces without telling the wallet, and checks that it issued this one): each nonce signs in once,
    /// and a nonce used before is refused with <see cref="WalletErrors.StaleNonce"/>. The wallet remembers used nonces until
    /// they expire, at most <see cref="WalletLimits.RememberedSignInNonces"/>; a sign-in beyond that is refused with
    /// <see cref="WalletErrors.RateLimited"/>.
    /// </summary>
    Task UseSignInNonce(string nonce, DateTimeOffset expiresAt);

    /// <summary>
    /// Records a sign-in: the peppered hashes of the device fingerprint and client address, and the country. Devices and
    /// countries are the history recovery risk is scored against and the login anomaly rules read; the answer says whether the
    /// device and the country were new to a wallet that had signed in before. The wallet's login chain calls it.
    /// </summary>
    Task<SignInNovelty> RecordLogin(Hash32? deviceFingerprintHash, Hash32? clientAddressHash, string? geo);

    /// <summary>
    /// Asks for a step-up because of <paramref name="rule"/>: until the owner signs again (<see cref="CompleteStepUp"/>),
    /// withdrawals, guardian and operator changes and token moves are refused with <see cref="WalletErrors.StepUpRequired"/>.
    /// </summary>
    Task RequireStepUp(string rule);

    /// <summary>Ends a step-up: the owner signed a fresh message.</summary>
    Task CompleteStepUp();

    /// <summary>Freezes the wallet for <c>login_anomaly</c> until <paramref name="until"/> (Unix seconds), because of <paramref name="rule"/>.</summary>
    Task FreezeForAnomaly(string rule, long until);

    /// <summary>Forgets the sign-in history (devices, countries, sign-ins): the owner erased the login records.</summary>
    Task ForgetLoginHistory();

    /// <summary>Ends a session before its expiry (a logout): the wallet refuses it until <paramref name="expiresAt"/>.</summary>
    Task EndSession(string sessionId, long expiresAt);

    /// <summary>What the wallet says of a session: its recovery nonce now, and whether the session was ended.</summary>
    [ReadOnly]
    Task<SessionStatus> GetSession(string sessionId);

    /// <summary>The wallet's recent sign-ins, newest last: private fields, shown only to the wallet's own session or an operator.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SignInRecord>> GetSignIns();

    /// <summary>The positions with what each has accrued as of now (their pools' current index), in pool order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PositionView>> GetPositionsAsOfNow();

    /// <summary>
    /// Called by a recovery request at submission: the request is open until <paramref name="expiresAt"/> (Unix seconds) or until
    /// it ends, and while any is open the wallet's outgoing value is in escrow (<see cref="WalletErrors.RecoveryEscrow"/>).
    /// Several requests may be open at once, so a stranger's cannot stop the owner's guardians. Returns the terms and risk
    /// signals. Refused when the wallet has no guardians (<c>no_guardians</c>) or another recovery has passed its guardians'
    /// threshold (<c>recovery_pending</c>).
    /// </summary>
    Task<RecoveryTerms> OpenRecovery(string requestId, long expiresAt, Hash32? deviceFingerprintHash, string? geo);

    /// <summary>
    /// Called by an open recovery request once its guardians' threshold is met: makes it the wallet's one recovery under way
    /// (a repeat for the same request is answered again) and counts it as an attempt. Refused with <c>recovery_pending</c>
    /// when another is under way.
    /// </summary>
    Task<RecoveryTerms> BeginRecovery(string requestId);

    /// <summary>The wallet's current recovery terms: owner, guardians, threshold, recovery nonce, and the recovery under way.</summary>
    [ReadOnly]
    Task<RecoveryTerms> GetRecoveryTerms();

    /// <summary>Called by the recovery under way when its timelock starts: locks the wallet (tokens in escrow, nothing moves out).</summary>
    Task LockForRecovery(string requestId);

    /// <summary>
    /// Called by the recovery under way at finalization: rotates the owner to <paramref name="newOwner"/>, bumps the recovery
    /// nonce, revokes every operator grant, unlocks, and returns the tokens the wallet holds (for their approvals to be revoked).
    /// A repeat for the same request returns the same.
    /// </summary>
    Task<IReadOnlyList<WalletToken>> CompleteRecovery(string requestId, EthereumAddress newOwner);

    /// <summary>Called by a recovery that ends without finalizing (cancelled or rejected): unlocks and forgets it.</summary>
    Task AbortRecovery(string requestId);
}

/// <summary>A wallet's recovery terms and the signals its risk is scored on.</summary>
/// <param name="Owner">The current owner key.</param>
/// <param name="Guardians">The current guardians.</param>
/// <param name="Threshold">Guardian approvals needed.</param>
/// <param name="RecoveryNonce">Bound into what guardians sign; bumped by every finalized recovery.</param>
/// <param name="ActiveRecovery">The recovery under way, if any.</param>
/// <param name="KnownDevice">Whether the device fingerprint was seen at a sign-in (null when none was given).</param>
/// <param name="KnownGeo">Whether the country matches a recent sign-in (null when none was given or there is no history).</param>
/// <param name="RecentAttempts">Recoveries of the wallet that met their guardians' threshold in the last 30 days (a stranger's
/// unapproved submissions do not count).</param>
/// <param name="AccountAgeDays">Whole days since the wallet was first stored.</param>
/// <param name="Frozen">Whether the wallet is frozen for a reason other than a recovery.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.RecoveryTerms")]
public sealed record RecoveryTerms(
    [property: Id(0)] EthereumAddress Owner,
    [property: Id(1)] IReadOnlyList<EthereumAddress> Guardians,
    [property: Id(2)] int Threshold,
    [property: Id(3)] ulong RecoveryNonce,
    [property: Id(4)] string? ActiveRecovery,
    [property: Id(5)] bool? KnownDevice,
    [property: Id(6)] bool? KnownGeo,
    [property: Id(7)] int RecentAttempts,
    [property: Id(8)] long AccountAgeDays,
    [property: Id(9)] bool Frozen);

/// <summary>Whether a sign-in's device and country were new to a wallet with a sign-in history (false without history or a value).</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.SignInNovelty")]
public sealed record SignInNovelty([property: Id(0)] bool NewDevice, [property: Id(1)] bool NewCountry);

/// <summary>A session as the wallet sees it: the recovery nonce now (a session of an older one has ended), and whether it was ended.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.SessionStatus")]
public sealed record SessionStatus([property: Id(0)] ulong RecoveryNonce, [property: Id(1)] bool Ended);

/// <summary>A step-up the wallet asks for: why, and since when (Unix seconds).</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.StepUp")]
public sealed record StepUp([property: Id(0)] string Rule, [property: Id(1)] long Since);

/// <summary>A sign-in as the wallet remembers it.</summary>
/// <param name="At">When, in Unix seconds.</param>
/// <param name="DeviceFingerprintHash">The peppered hash of the device fingerprint, if one was given.</param>
/// <param name="ClientAddressHash">The peppered hash of the client's network address, if known.</param>
/// <param name="Geo">The country (ISO 3166-1 alpha-2), if known.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.SignInRecord")]
public sealed record SignInRecord([property: Id(0)] long At, [property: Id(1)] Hash32? DeviceFingerprintHash, [property: Id(2)] Hash32? ClientAddressHash, [property: Id(3)] string? Geo);

/// <summary>A token a wallet holds.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.WalletToken")]
public sealed record WalletToken([property: Id(0)] string CollectionId, [property: Id(1)] string TokenId);

/// <summary>Wallet keys.</summary>
public static class WalletKeys
{
    /// <summary>The key of the wallet at <paramref name="address"/>: <c>0x</c> and 40 lowercase hex digits.</summary>
    public static string Of(EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.ToLowerHex();
    }
}

/// <summary>The codes of a wallet's <see cref="RequestRejectedException"/>s.</summary>
public static class WalletErrors
{
    /// <summary>The wallet is frozen.</summary>
    public const string Frozen = "wallet_frozen";

    /// <summary>A sensitive operation while the wallet asks for a step-up: sign in again (a fresh signature) first.</summary>
    public const string StepUpRequired = "step_up_required";

    /// <summary>The wallet is over its rate limit for sensitive operations.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A signed request's nonce is not the wallet's current one.</summary>
    public const string StaleNonce = "stale_nonce";

    /// <summary>The caller may not act on the wallet's behalf.</summary>
    public const string NotAuthorized = "not_authorized";

    /// <summary>A stake or withdrawal beyond the available balance of its asset.</summary>
    public const string InsufficientBalance = "insufficient_balance";

    /// <summary>An unstake beyond what the position holds.</summary>
    public const string InsufficientStake = "insufficient_stake";

    /// <summary>A deposit reference already credited with another wallet, asset or amount.</summary>
    public const string DepositReused = "deposit_reference_reused";

    /// <summary>An operation id already used for another request.</summary>
    public const string OperationReused = "operation_reused";

    /// <summary>Another recovery of the wallet is under way.</summary>
    public const string RecoveryPending = "recovery_pending";

    /// <summary>The wallet has no guardians to approve a recovery.</summary>
    public const string NoGuardians = "no_guardians";

    /// <summary>Outgoing value (withdrawals, tokens leaving) is held while a recovery of the wallet is open.</summary>
    public const string RecoveryEscrow = "recovery_escrow";

    /// <summary>The freeze reason a recovery's timelock holds: the wallet's tokens are in escrow.</summary>
    public const string RecoveryLock = "recovery";
}

/// <summary>Limits of wallet operations.</summary>
public static class WalletLimits
{
    /// <summary>The neutral weight: effective shares equal the staked amount.</summary>
    public const uint NeutralWeightBasisPoints = 10_000;

    /// <summary>The largest weight: effective shares at most 10x the staked amount.</summary>
    public const uint MaxWeightBasisPoints = 100_000;

    /// <summary>The most guardians a wallet may have.</summary>
    public const int MaxGuardians = 16;

    /// <summary>The longest freeze reason code.</summary>
    public const int MaxReasonLength = 64;

    /// <summary>How long a sign-in nonce stays valid.</summary>
    public static readonly TimeSpan SignInNonceLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most used sign-in nonces a wallet remembers until they expire: sign-ins per <see cref="SignInNonceLifetime"/>.</summary>
    public const int RememberedSignInNonces = 32;

    /// <summary>The longest sign-in nonce a wallet takes.</summary>
    public const int MaxSignInNonceLength = 128;
}

/// <summary>A position in one pool: staked amount, effective shares, the index it was settled at, and its whole accrued units.</summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Staked">Base units staked.</param>
/// <param name="Shares">Effective shares (staked times the wallet's weight).</param>
/// <param name="IndexPaid">The pool index the position was settled at.</param>
/// <param name="Accrued">Whole base units a claim would pay.</param>
/// <param name="AccruedScaled">The exact accrual, in 1/10^36 base units (its fraction is paid once it makes a whole unit).</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.PositionView")]
public sealed record PositionView([property: Id(0)] string PoolId, [property: Id(1)] UInt256 Staked, [property: Id(2)] UInt256 Shares, [property: Id(3)] UInt256 IndexPaid, [property: Id(4)] UInt256 Accrued, [property: Id(5)] UInt256 AccruedScaled);

/// <summary>An available balance of one asset.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.AssetBalance")]
public sealed record AssetBalance([property: Id(0)] string Asset, [property: Id(1)] UInt256 Amount);

/// <summary>A withdrawal request: the balance it debited, where it goes, and its status.</summary>
/// <param name="WithdrawalId">Its id, unique across the cluster (derived from the wallet and the operation id).</param>
/// <param name="Asset">The asset.</param>
/// <param name="Amount">Base units debited from the balance.</param>
/// <param name="To">The address it is paid to.</param>
/// <param name="Status">Its status: <c>requested</c> until it is sent.</param>
/// <param name="RequestedAt">When it was requested (Unix seconds).</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.WithdrawalView")]
public sealed record WithdrawalView(
    [property: Id(0)] string WithdrawalId,
    [property: Id(1)] string Asset,
    [property: Id(2)] UInt256 Amount,
    [property: Id(3)] EthereumAddress To,
    [property: Id(4)] string Status,
    [property: Id(5)] long RequestedAt);

/// <summary>A claim's outcome.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.ClaimView")]
public sealed record ClaimView([property: Id(0)] string PoolId, [property: Id(1)] UInt256 Paid, [property: Id(2)] UInt256 ClaimedRewards);

/// <summary>The wallet.</summary>
/// <param name="Wallet">The wallet's key (its address in lowercase).</param>
/// <param name="Owner">The key that controls the wallet (the wallet's own address until a recovery rotates it).</param>
/// <param name="Guardians">Who may approve a recovery.</param>
/// <param name="Threshold">How many guardians must approve.</param>
/// <param name="Frozen">Whether any freeze reason holds.</param>
/// <param name="FreezeReasons">The reasons, oldest first.</param>
/// <param name="Nonce">The next signed-request nonce.</param>
/// <param name="WeightBasisPoints">The anti-Sybil weight.</param>
/// <param name="ClaimedRewards">Pool rewards paid to the wallet.</param>
/// <param name="Positions">Positions by pool.</param>
/// <param name="Collections">Holdings by collection.</param>
/// <param name="HasPendingOperation">Whether a pool operation is under way.</param>
/// <param name="Exists">Whether the wallet has been stored: anything has happened to it (a sign-in, a stake, a token).</param>
/// <param name="Balances">Available balances by asset, in asset order.</param>
/// <param name="StepUp">The step-up the wallet asks for, if any: a fresh signature before the next sensitive operation.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.WalletView")]
public sealed record WalletView(
    [property: Id(0)] string Wallet,
    [property: Id(1)] EthereumAddress Owner,
    [property: Id(2)] IReadOnlyList<EthereumAddress> Guardians,
    [property: Id(3)] int Threshold,
    [property: Id(4)] bool Frozen,
    [property: Id(5)] IReadOnlyList<FreezeReason> FreezeReasons,
    [property: Id(6)] ulong Nonce,
    [property: Id(7)] uint WeightBasisPoints,
    [property: Id(8)] UInt256 ClaimedRewards,
    [property: Id(9)] IReadOnlyList<PositionView> Positions,
    [property: Id(10)] IReadOnlyList<CollectionHoldingSummary> Collections,
    [property: Id(11)] bool HasPendingOperation,
    [property: Id(12)] bool Exists,
    [property: Id(13)] IReadOnlyList<AssetBalance> Balances,
    [property: Id(14)] StepUp? StepUp = null);

/// <summary>A reason the wallet is frozen, since when and, for a temporary freeze, until when (Unix seconds), and why.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.FreezeReason")]
public sealed record FreezeReason(
    [property: Id(0)] string Reason, [property: Id(1)] long Since, [property: Id(2)] long? Until = null, [property: Id(3)] string? Detail = null);

/// <summary>The wallet's standing in one collection, without the live index (see <see cref="IWalletGrain.GetHoldings"/>).</summary>
/// <param name="CollectionId">The collection.</param>
/// <param name="Tokens">Token ids held, in numeric order.</param>
/// <param name="Operators">Operators approved for the collection.</param>
/// <param name="ClaimedDividends">Dividends paid so far, in base units.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.CollectionHoldingSummary")]
public sealed record CollectionHoldingSummary([property: Id(0)] string CollectionId, [property: Id(1)] IReadOnlyList<string> Tokens, [property: Id(2)] IReadOnlyList<EthereumAddress> Operators, [property: Id(3)] UInt256 ClaimedDividends);

/// <summary>The wallet's tokens and dividends in a collection, as of the collection's index <paramref name="Index"/>.</summary>
/// <param name="CollectionId">The collection.</param>
/// <param name="Tokens">Each token held and the whole dividend accrued on it.</param>
/// <param name="Claimable">Whole base units a dividend claim would pay now.</param>
/// <param name="ClaimedDividends">Dividends paid so far.</param>
/// <param name="Index">The collection index the figures are computed at.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.HoldingsView")]
public sealed record HoldingsView([property: Id(0)] string CollectionId, [property: Id(1)] IReadOnlyList<HeldTokenView> Tokens, [property: Id(2)] UInt256 Claimable, [property: Id(3)] UInt256 ClaimedDividends, [property: Id(4)] UInt256 Index);

/// <summary>A token the wallet holds, the index it accrues from, and what it has accrued.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.HeldTokenView")]
public sealed record HeldTokenView([property: Id(0)] string TokenId, [property: Id(1)] UInt256 IndexPaid, [property: Id(2)] UInt256 Pending);

/// <summary>A dividend claim's outcome.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.DividendClaimView")]
public sealed record DividendClaimView([property: Id(0)] string CollectionId, [property: Id(1)] UInt256 Paid, [property: Id(2)] UInt256 ClaimedDividends);
