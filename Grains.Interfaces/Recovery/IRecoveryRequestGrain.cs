using Orleans.Concurrency;
using Actors.Domain.Ethereum;

namespace Actors.Grains.Interfaces.Recovery;

/// <summary>
/// A self-service recovery of a wallet, one grain per request id: submitted, risk scored, approved by the wallet's guardians
/// with EIP-191 signatures, held for a timelock during which the owner or a guardian majority may cancel (the wallet is locked
/// meanwhile, its tokens in escrow), and finalized by a durable reminder that rotates the owner key, bumps the recovery nonce,
/// revokes every approval and operator grant, releases the escrow and records a provenance snapshot. Every step is logged.
/// </summary>
public interface IRecoveryRequestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Submits the request. The same request id with the same submission returns the request; with another it is refused
    /// (<see cref="RecoveryErrors.Conflict"/>). Refused when the wallet has no guardians or another recovery is under way.
    /// </summary>
    Task<RecoveryView> Submit(RecoverySubmission submission);

    /// <summary>
    /// Counts a guardian's approval: <paramref name="signature"/> must sign <see cref="RecoveryView.SigningMessage"/> (EIP-191)
    /// and recover to <paramref name="guardian"/>, a current guardian of the wallet other than the new owner; once per guardian.
    /// Reaching the threshold starts the timelock (or, at high risk, waits for an operator review).
    /// </summary>
    Task<RecoveryView> Approve(EthereumAddress guardian, string signature);

    /// <summary>
    /// Cancels during approval or the timelock: <paramref name="signature"/> signs <see cref="RecoveryView.CancelMessage"/> and
    /// recovers to the wallet's owner (cancels at once) or to a guardian (cancels once a threshold of guardians have signed).
    /// </summary>
    Task<RecoveryView> Cancel(string signature);

    /// <summary>An operator's review of a high-risk request: approving starts the timelock, rejecting ends the request.</summary>
    Task<RecoveryView> Review(bool approve);

    /// <summary>The request.</summary>
    [ReadOnly]
    Task<RecoveryView> Get();
}

/// <summary>What a recovery request asks for, and the evidence that comes with it.</summary>
/// <param name="Wallet">The wallet to recover.</param>
/// <param name="NewOwner">The key that is to control it.</param>
/// <param name="EvidenceHashes">Hashes of supporting evidence (documents kept elsewhere); at most 16.</param>
/// <param name="DeviceFingerprintHash">A hash of the requesting device's fingerprint, if known.</param>
/// <param name="Geo">Where the request comes from: an ISO 3166-1 alpha-2 country code, if known.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.RecoverySubmission")]
public sealed record RecoverySubmission(
    [property: Id(0)] EthereumAddress Wallet, [property: Id(1)] EthereumAddress NewOwner, [property: Id(2)] IReadOnlyList<Hash32> EvidenceHashes, [property: Id(3)] Hash32? DeviceFingerprintHash, [property: Id(4)] string? Geo);

/// <summary>Where a recovery request stands.</summary>
public enum RecoveryStatus
{
    /// <summary>Collecting guardian approvals.</summary>
    AwaitingApprovals = 1,

    /// <summary>Approved by the guardians; high risk, so waiting for an operator's review.</summary>
    AwaitingReview = 2,

    /// <summary>Approved; the wallet is locked until <see cref="RecoveryView.ExecuteAfter"/>.</summary>
    Timelocked = 3,

    /// <summary>Done: the new owner controls the wallet.</summary>
    Finalized = 4,

    /// <summary>Cancelled by the owner or the guardians.</summary>
    Cancelled = 5,

    /// <summary>Rejected by an operator's review.</summary>
    Rejected = 6,

    /// <summary>Not approved (or not reviewed) within the request's lifetime: it ended with no effect.</summary>
    Expired = 7,
}

/// <summary>The risk level of a request.</summary>
public enum RecoveryRisk
{
    /// <summary>No or one minor signal.</summary>
    Low = 1,

    /// <summary>Some signals: the normal delay.</summary>
    Medium = 2,

    /// <summary>Many signals: an operator must review, and the delay is longer.</summary>
    High = 3,
}

/// <summary>A recovery request.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Exists">Whether it has been submitted.</param>
/// <param name="Wallet">The wallet.</param>
/// <param name="NewOwner">The key that is to control it.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Risk">Its risk level.</param>
/// <param name="RiskScore">The sum of the rules' points.</param>
/// <param name="RiskReasons">The rules that fired.</param>
/// <param name="RecoveryNonce">The wallet's recovery nonce the signatures are bound to.</param>
/// <param name="Threshold">Guardian approvals needed.</param>
/// <param name="Approvals">Guardians who approved, in order.</param>
/// <param name="CancelVotes">Guardians who signed a cancellation.</param>
/// <param name="ExecuteAfter">When the timelock ends.</param>
/// <param name="SigningMessage">The EIP-191 message guardians sign to approve.</param>
/// <param name="CancelMessage">The EIP-191 message the owner or guardians sign to cancel.</param>
/// <param name="EvidenceHashes">Evidence hashes.</param>
/// <param name="DeviceFingerprintHash">The device fingerprint hash.</param>
/// <param name="Geo">The country code.</param>
/// <param name="Steps">Every step, in order.</param>
/// <param name="Snapshot">Owner and metadata hash of every token the wallet held at finalization.</param>
/// <param name="ExpiresAt">When the request expires unless its timelock has started by then.</param>
[GenerateSerializer]
[Immutable]
[Alias("actors.RecoveryView")]
public sealed record RecoveryView(
    [property: Id(0)] string RequestId,
    [property: Id(1)] bool Exists,
    [property: Id(2)] EthereumAddress? Wallet,
    [property: Id(3)] EthereumAddress? NewOwner,
    [property: Id(4)] RecoveryStatus? Status,
    [property: Id(5)] RecoveryRisk? Risk,
    [property: Id(6)] int RiskScore,
    [property: Id(7)] IReadOnlyList<string> RiskReasons,
    [property: Id(8)] ulong RecoveryNonce,
    [property: Id(9)] int Threshold,
    [property: Id(10)] IReadOnlyList<EthereumAddress> Approvals,
    [property: Id(11)] IReadOnlyList<EthereumAddress> CancelVotes,
    [property: Id(12)] DateTimeOffset? ExecuteAfter,
    [property: Id(13)] string SigningMessage,
    [property: Id(14)] string CancelMessage,
    [property: Id(15)] IReadOnlyList<Hash32> EvidenceHashes,
    [property: Id(16)] Hash32? DeviceFingerprintHash,
    [property: Id(17)] string? Geo,
    [property: Id(18)] IReadOnlyList<RecoveryStep> Steps,
    [property: Id(19)] IReadOnlyList<TokenSnapshot> Snapshot,
    [property: Id(20)] DateTimeOffset? ExpiresAt);

/// <summary>A logged step: what happened, when, and details.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.RecoveryStep")]
public sealed record RecoveryStep([property: Id(0)] string Step, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string Detail);

/// <summary>A token of the recovered wallet at finalization.</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.TokenSnapshot")]
public sealed record TokenSnapshot([property: Id(0)] string CollectionId, [property: Id(1)] string TokenId, [property: Id(2)] EthereumAddress Owner, [property: Id(3)] Hash32? MetadataHash);

/// <summary>The codes of recovery refusals (<see cref="RequestRejectedException"/>).</summary>
public static class RecoveryErrors
{
    /// <summary>The request id is taken by another submission.</summary>
    public const string Conflict = "recovery_conflict";

    /// <summary>The signature does not come from who it must.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>The guardian already approved.</summary>
    public const string DuplicateApproval = "duplicate_approval";

    /// <summary>The request is not in a state that allows this.</summary>
    public const string WrongState = "recovery_state";
}
