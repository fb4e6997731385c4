using System.Globalization;
using Actors.Grains.Interfaces.Operations;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Persistence;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Recovery;

/// <summary>
/// The recovery request grain. It calls the wallet (which never calls back) and the wallet's tokens; its finalization is a
/// durable reminder due at the end of the timelock (and every <see cref="FinalizeRetryPeriod"/> after, until it succeeds), so
/// it happens on whichever silo holds the request then, and each of its steps repeats safely until the request is stored as
/// finalized.
/// </summary>
[GrainType("recovery-request")]
public sealed class RecoveryRequestGrain(
    [PersistentState("recovery")] IPersistentState<RecoveryState> state, IOptions<RecoveryOptions> options, TimeProvider time,
    ILogger<RecoveryRequestGrain> logger)
    : Grain, IRecoveryRequestGrain, IRemindable
{
    private string GrainKey => this.GetPrimaryKeyString();

    /// <summary>The reminder that finalizes the request.</summary>
    public const string FinalizeReminder = "finalize";

    /// <summary>
    /// How often the finalization reminder ticks again after it first falls due, until a tick has finalized the request:
    /// Orleans reminders are periodic (at least a minute apart) and delivered at least once, so every step repeats safely.
    /// </summary>
    public static readonly TimeSpan FinalizeRetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The soonest the finalization reminder first ticks, however short the timelock.</summary>
    public static readonly TimeSpan FirstTickDelay = TimeSpan.FromSeconds(1);

    /// <summary>The most evidence hashes a request carries.</summary>
    public const int MaxEvidence = 16;

    /// <summary>The longest request id.</summary>
    public const int MaxRequestIdLength = 64;

    private RecoveryState Request => state.State;

    // The status storage holds, to count and log each transition once it is stored.
    private RecoveryStatus? _storedStatus;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storedStatus = Request.Exists ? Request.Status : null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<RecoveryView> Submit(RecoverySubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        CheckRequestId(GrainKey);
        Check(submission);
        if (Request.Exists)
        {
            return Same(Request.Submission!, submission)
                ? View()
                : throw new RequestRejectedException(RecoveryErrors.Conflict, $"Recovery request '{GrainKey}' was submitted with other content.");
        }

        var wallet = Wallet(submission.Wallet);
        var current = await wallet.GetRecoveryTerms();
        if (submission.NewOwner == current.Owner)
        {
            throw RequestRejectedException.Invalid(nameof(submission), "The new owner already owns the wallet.");
        }

        var expiresAt = time.GetUtcNow() + options.Value.RequestLifetime;
        var terms = await wallet.OpenRecovery(GrainKey, expiresAt.ToUnixTimeSeconds(), submission.DeviceFingerprintHash, submission.Geo);
        var (score, reasons) = RecoveryRiskRules.Score(terms, submission);
        Request.Exists = true;
        Request.ExpiresAt = expiresAt;
        Request.Submission = submission;
        Request.Status = RecoveryStatus.AwaitingApprovals;
        Request.RiskScore = score;
        Request.RiskReasons = [.. reasons];
        Request.Risk = RecoveryRiskRules.Level(score);
        Request.RecoveryNonce = terms.RecoveryNonce;
        Request.Threshold = terms.Threshold;
        Log("submitted", $"new owner {submission.NewOwner.ToLowerHex()}, {terms.Guardians.Count} guardians, threshold {terms.Threshold}");
        Log("risk_scored", $"{Request.Risk} ({score}): {(reasons.Count == 0 ? "no signals" : string.Join(", ", reasons))}");
        Log("escrow_started", $"outgoing value is held until the request ends or expires at {expiresAt:O}");
        await Directory.Add(DirectoryList.Recoveries, GrainKey); // listed before it is stored as open: never open and unlisted
        await WriteAsync();
        return View();
    }

    /// <inheritdoc />
    public async Task<RecoveryView> Approve(EthereumAddress guardian, string signature)
    {
        ArgumentNullException.ThrowIfNull(guardian);
        var submission = Existing();
        if (await ExpiredAsync())
        {
            return View();
        }

        InState(RecoveryStatus.AwaitingApprovals);
        var signer = Recover(SigningMessage(), signature);
        var terms = await Wallet(submission.Wallet).GetRecoveryTerms();
        CheckCurrent(terms);
        if (guardian == submission.NewOwner || !terms.Guardians.Contains(guardian))
        {
            throw new RequestRejectedException(RecoveryErrors.BadSignature,
                $"{guardian.ToLowerHex()} is not a guardian of the wallet whose approval counts (the new owner's does not).");
        }

        // A guardian is a wallet: its approval is signed by whoever controls that wallet now (a recovered guardian's old key
        // has no say).
        if (signer != await OwnerOfAsync(guardian))
        {
            throw new RequestRejectedException(RecoveryErrors.BadSignature, "The signature is not by the guardian's current owner key over this request's message.");
        }

        if (Request.Approvals.Contains(guardian))
        {
            throw new RequestRejectedException(RecoveryErrors.DuplicateApproval, $"Guardian {guardian.ToLowerHex()} already approved.");
        }

        Request.Approvals.Add(guardian);
        Request.Threshold = terms.Threshold;
        Log("approved", guardian.ToLowerHex());
        if (Request.Approvals.Count(terms.Guardians.Contains) >= terms.Threshold)
        {
            await Wallet(submission.Wallet).BeginRecovery(GrainKey);
            if (Request.Risk == RecoveryRisk.High)
            {
                Request.Status = RecoveryStatus.AwaitingReview;
                Log("awaiting_review", "high risk: an operator must review");
            }
            else
            {
                await StartTimelockAsync(submission);
            }
        }

        await WriteAsync();
        return View();
    }

    /// <inheritdoc />
    public async Task<RecoveryView> Cancel(string signature)
    {
        var submission = Existing();
        if (await ExpiredAsync())
        {
            return View();
        }

        InState(RecoveryStatus.AwaitingApprovals, RecoveryStatus.AwaitingReview, RecoveryStatus.Timelocked);
        var signer = Recover(CancelMessage(), signature);
        var terms = await Wallet(submission.Wallet).GetRecoveryTerms();
        if (signer == terms.Owner)
        {
            await EndAsync(submission, RecoveryStatus.Cancelled, "cancelled", $"by the owner {signer.ToLowerHex()}");
        }
        else if (await GuardianSignedByAsync(terms.Guardians, signer) is { } guardian)
        {
            if (!Request.CancelVotes.Contains(guardian))
            {
                Request.CancelVotes.Add(guardian);
                Log("cancel_vote", guardian.ToLowerHex());
            }

            if (Request.CancelVotes.Count(terms.Guardians.Contains) >= terms.Threshold)
            {
                await EndAsync(submission, RecoveryStatus.Cancelled, "cancelled", "by a threshold of guardians");
            }
        }
        else
        {
            throw new RequestRejectedException(RecoveryErrors.BadSignature, "A cancellation must be signed by the wallet's owner or one of its guardians' current owners.");
        }

        await WriteAsync();
        return View();
    }

    /// <inheritdoc />
    public async Task<RecoveryView> Review(bool approve)
    {
        var submission = Existing();
        if (await ExpiredAsync())
        {
            return View();
        }

        InState(RecoveryStatus.AwaitingReview);
        if (approve)
        {
            // The review approves what holds now: the same recovery nonce, and approvals by guardians the wallet still has.
            var terms = await Wallet(submission.Wallet).GetRecoveryTerms();
            CheckCurrent(terms);
            if (Request.Approvals.Count(terms.Guardians.Contains) < terms.Threshold)
            {
                throw new RequestRejectedException(RecoveryErrors.WrongState,
                    $"Only {Request.Approvals.Count(terms.Guardians.Contains)} of the approvals are by the wallet's current guardians; {terms.Threshold} are needed.");
            }
        }

        Log("reviewed", approve ? "approved by an operator" : "rejected by an operator");
        if (approve)
        {
            await StartTimelockAsync(submission);
        }
        else
        {
            await EndAsync(submission, RecoveryStatus.Rejected, "rejected", "the wallet is unlocked");
        }

        await WriteAsync();
        return View();
    }

    /// <inheritdoc />
    public Task<RecoveryView> Get() => Task.FromResult(View());

    // A request waiting for approvals or a review past its lifetime ends with no effect (its escrow ends with it).
    private async Task<bool> ExpiredAsync()
    {
        if (!IsDue)
        {
            return false;
        }

        await EndAsync(Request.Submission!, RecoveryStatus.Expired, "expired", $"not approved within its lifetime (until {Request.ExpiresAt:O})");
        await WriteAsync();
        return true;
    }

    private bool IsDue =>
        Request.Exists && Request.Status is RecoveryStatus.AwaitingApprovals or RecoveryStatus.AwaitingReview
        && Request.ExpiresAt is { } expiresAt && time.GetUtcNow() >= expiresAt;

    // The wallet's terms still those of this request: the recovery nonce unchanged, and no other recovery under way.
    private void CheckCurrent(RecoveryTerms terms)
    {
        if (terms.RecoveryNonce != Request.RecoveryNonce)
        {
            throw new RequestRejectedException(RecoveryErrors.WrongState, "The wallet's recovery nonce has moved on: this request is stale.");
        }

        if (terms.ActiveRecovery is { } active && active != GrainKey)
        {
            throw new RequestRejectedException(WalletErrors.RecoveryPending, $"Recovery '{active}' of the wallet is under way.");
        }
    }

    private async Task<EthereumAddress> OwnerOfAsync(EthereumAddress guardian) => (await Wallet(guardian).GetRecoveryTerms()).Owner;

    private async Task<EthereumAddress?> GuardianSignedByAsync(IReadOnlyList<EthereumAddress> guardians, EthereumAddress signer)
    {
        foreach (var guardian in guardians)
        {
            if (await OwnerOfAsync(guardian) == signer)
            {
                return guardian;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != FinalizeReminder)
        {
            return;
        }

        if (!Request.Exists || Request.Status != RecoveryStatus.Timelocked)
        {
            await UnregisterFinalizeAsync();
            return;
        }

        if (Request.ExecuteAfter - time.GetUtcNow() is { } early && early > TimeSpan.Zero)
        {
            // A tick may come a little ahead of the timelock's end: this activation looks again then, rather than a whole
            // period later (should it be gone by then, the reminder's next tick finalizes).
            this.RegisterGrainTimer(_ => ReceiveReminder(FinalizeReminder, status), early, Timeout.InfiniteTimeSpan);
            return;
        }

        // Every step repeats safely, so a tick that fails half-way is simply delivered again.
        var submission = Request.Submission!;
        var tokens = await Wallet(submission.Wallet).CompleteRecovery(GrainKey, submission.NewOwner);
        await GrainFactory.GetGrain<ILoginLogGrain>(WalletKeys.Of(submission.Wallet)).RecordSessionEnd(GrainKey, LoginOutcomes.Recovery);
        var snapshot = new List<TokenSnapshot>(tokens.Count);
        foreach (var token in tokens)
        {
            var view = await GrainFactory.GetGrain<INftTokenGrain>(NftKeys.Token(token.CollectionId, token.TokenId)).RevokeApproval(GrainKey);
            snapshot.Add(new TokenSnapshot(token.CollectionId, token.TokenId, view.Owner!, view.MetadataHash));
        }

        Log("owner_rotated", $"to {submission.NewOwner.ToLowerHex()}; recovery nonce {Request.RecoveryNonce + 1}");
        Log("grants_revoked", $"every operator grant and the approvals of {tokens.Count} tokens");
        Log("escrow_released", "the wallet is unlocked");
        Log("snapshot_recorded", $"{snapshot.Count} tokens");
        Request.Snapshot = snapshot;
        Request.Status = RecoveryStatus.Finalized;
        Log("finalized", "");
        await WriteAsync();
        await UnregisterFinalizeAsync();
    }

    private async Task StartTimelockAsync(RecoverySubmission submission)
    {
        var delay = Request.Risk == RecoveryRisk.High ? options.Value.HighRiskDelay : options.Value.Delay;
        var executeAfter = time.GetUtcNow() + delay;

        // The reminder first: once the state says timelocked, finalization must be due.
        // Never due at once: a tick delivered while this very call still runs would wait on it.
        await this.RegisterOrUpdateReminder(FinalizeReminder, delay > FirstTickDelay ? delay : FirstTickDelay, FinalizeRetryPeriod);
        await Wallet(submission.Wallet).LockForRecovery(GrainKey);
        Request.ExecuteAfter = executeAfter;
        Request.Status = RecoveryStatus.Timelocked;
        Log("timelock_started", $"executes after {executeAfter:O}; the wallet is locked and its tokens in escrow");
    }

    private async Task EndAsync(RecoverySubmission submission, RecoveryStatus status, string step, string detail)
    {
        await Wallet(submission.Wallet).AbortRecovery(GrainKey);
        Request.Status = status;
        Log(step, detail);
        await UnregisterFinalizeAsync();
    }

    private async Task UnregisterFinalizeAsync()
    {
        if (await this.GetReminder(FinalizeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IWalletGrain Wallet(EthereumAddress address) => GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(address));

    private RecoverySubmission Existing() =>
        Request.Exists ? Request.Submission! : throw RequestRejectedException.Missing($"Recovery request '{GrainKey}' does not exist.");

    private void InState(params RecoveryStatus[] allowed)
    {
        if (!allowed.Contains(Request.Status))
        {
            throw new RequestRejectedException(RecoveryErrors.WrongState, $"Recovery request '{GrainKey}' is {Request.Status}.");
        }
    }

    private static EthereumAddress Recover(string message, string signature)
    {
        if (!EthereumSignature.TryParse(signature, out var parsed, out var error))
        {
            throw RequestRejectedException.Invalid(nameof(signature), error);
        }

        return PersonalSign.TryRecover(message, parsed, out var signer)
            ? signer
            : throw new RequestRejectedException(RecoveryErrors.BadSignature, "No address signed this message with this signature.");
    }

    private string SigningMessage() => Request.Submission is { } s ? RecoveryMessages.Approval(GrainKey, s.Wallet, s.NewOwner, Request.RecoveryNonce, options.Value.ChainId) : "";

    private string CancelMessage() => Request.Submission is { } s ? RecoveryMessages.Cancellation(GrainKey, s.Wallet, s.NewOwner, Request.RecoveryNonce, options.Value.ChainId) : "";

    private void Log(string step, string detail) => Request.Steps.Add(new RecoveryStep(step, time.GetUtcNow(), detail));

    // Logs and counts each state change once stored; once stored as ended (finalized, cancelled, rejected or expired), the
    // request leaves the operations directory.
    private async Task WriteAsync()
    {
        await state.WriteOrResetAsync(this);
        if (Request.Exists && Request.Status != _storedStatus)
        {
            var submission = Request.Submission!;
            RecoveryLog.StateChanged(logger, GrainKey, submission.Wallet.ToLowerHex(), submission.NewOwner.ToLowerHex(), _storedStatus,
                Request.Status, Request.Risk, Request.Approvals.Count);
            ActorsMetrics.RecoveryEntered(RecoveryStates.Name(Request.Status));
            _storedStatus = Request.Status;
        }

        if (Request.Status is RecoveryStatus.Finalized or RecoveryStatus.Cancelled or RecoveryStatus.Rejected or RecoveryStatus.Expired)
        {
            await Directory.Remove(DirectoryList.Recoveries, GrainKey);
        }
    }

    private IOperationsDirectoryGrain Directory => GrainFactory.GetGrain<IOperationsDirectoryGrain>(IOperationsDirectoryGrain.Key);

    private static bool Same(RecoverySubmission a, RecoverySubmission b) =>
        a.Wallet == b.Wallet && a.NewOwner == b.NewOwner && a.EvidenceHashes.SequenceEqual(b.EvidenceHashes)
        && a.DeviceFingerprintHash == b.DeviceFingerprintHash && a.Geo == b.Geo;

    private static void CheckRequestId(string requestId)
    {
        if (!Ids.IsId(requestId, MaxRequestIdLength))
        {
            throw RequestRejectedException.Invalid(nameof(requestId), $"A request id is 1 to {MaxRequestIdLength} letters, digits, '.', '_' or '-'.");
        }
    }

    private static void Check(RecoverySubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission.Wallet);
        ArgumentNullException.ThrowIfNull(submission.NewOwner);
        ArgumentNullException.ThrowIfNull(submission.EvidenceHashes);
        if (submission.EvidenceHashes.Count > MaxEvidence || submission.EvidenceHashes.Any(h => h is null))
        {
            throw RequestRejectedException.Invalid(nameof(submission), $"A request carries at most {MaxEvidence} evidence hashes.");
        }

        if (submission.NewOwner == submission.Wallet)
        {
            throw RequestRejectedException.Invalid(nameof(submission), "The new owner must not be the wallet's own address.");
        }

        if (submission.Geo is { } geo && !Ids.IsCountryCode(geo))
        {
            throw RequestRejectedException.Invalid(nameof(submission), "A country is an ISO 3166-1 alpha-2 code: two uppercase letters.");
        }
    }

    private RecoveryView View() => new(
        GrainKey, Request.Exists, Request.Submission?.Wallet, Request.Submission?.NewOwner,
        !Request.Exists ? null : IsDue ? RecoveryStatus.Expired : Request.Status,
        Request.Exists ? Request.Risk : null, Request.RiskScore, [.. Request.RiskReasons], Request.RecoveryNonce, Request.Threshold,
        [.. Request.Approvals], [.. Request.CancelVotes], Request.ExecuteAfter, SigningMessage(), CancelMessage(),
        [.. Request.Submission?.EvidenceHashes ?? []], Request.Submission?.DeviceFingerprintHash, Request.Submission?.Geo,
        [.. Request.Steps], [.. Request.Snapshot], Request.ExpiresAt);
}

/// <summary>The recovery request grain's stored state.</summary>
public sealed class RecoveryState
{
    /// <summary>Whether the request was submitted.</summary>
    public bool Exists { get; set; }

    /// <summary>The submission.</summary>
    public RecoverySubmission? Submission { get; set; }

    /// <summary>Where the request stands.</summary>
    public RecoveryStatus Status { get; set; }

    /// <summary>The risk level.</summary>
    public RecoveryRisk Risk { get; set; }

    /// <summary>The rules' points.</summary>
    public int RiskScore { get; set; }

    /// <summary>The rules that fired.</summary>
    public List<string> RiskReasons { get; set; } = [];

    /// <summary>The wallet's recovery nonce at submission.</summary>
    public ulong RecoveryNonce { get; set; }

    /// <summary>Approvals needed (the wallet's threshold when last checked).</summary>
    public int Threshold { get; set; }

    /// <summary>Guardians who approved.</summary>
    public List<EthereumAddress> Approvals { get; set; } = [];

    /// <summary>Guardians who signed a cancellation.</summary>
    public List<EthereumAddress> CancelVotes { get; set; } = [];

    /// <summary>When the timelock ends.</summary>
    public DateTimeOffset? ExecuteAfter { get; set; }

    /// <summary>When the request expires unless its timelock has started.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Every step, in order.</summary>
    public List<RecoveryStep> Steps { get; set; } = [];

    /// <summary>The tokens at finalization.</summary>
    public List<TokenSnapshot> Snapshot { get; set; } = [];
}

/// <summary>The EIP-191 messages of a recovery: what guardians sign to approve, and what the owner or guardians sign to cancel.</summary>
public static class RecoveryMessages
{
    /// <summary>The approval message: names the request, wallet, new owner, recovery nonce and chain id.</summary>
    public static string Approval(string requestId, EthereumAddress wallet, EthereumAddress newOwner, ulong nonce, long chainId) =>
        Message("Approve the recovery of a wallet", requestId, wallet, newOwner, nonce, chainId);

    /// <summary>The cancellation message.</summary>
    public static string Cancellation(string requestId, EthereumAddress wallet, EthereumAddress newOwner, ulong nonce, long chainId) =>
        Message("Cancel the recovery of a wallet", requestId, wallet, newOwner, nonce, chainId);

    private static string Message(string title, string requestId, EthereumAddress wallet, EthereumAddress newOwner, ulong nonce, long chainId)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(newOwner);
        return string.Create(CultureInfo.InvariantCulture,
            $"{title}\nRequest: {requestId}\nWallet: {wallet}\nNew owner: {newOwner}\nRecovery nonce: {nonce}\nChain ID: {chainId}");
    }
}

/// <summary>The risk rules: each signal adds points; 0-1 is low, 2-3 medium, 4 or more high.</summary>
internal static class RecoveryRiskRules
{
    public static (int Score, List<string> Reasons) Score(RecoveryTerms terms, RecoverySubmission submission)
    {
        var reasons = new List<string>();
        var score = 0;
        void Add(int points, string reason)
        {
            score += points;
            reasons.Add(reason);
        }

        // A missing signal is risky, never safe: no fingerprint, no country, or no history to compare a country with.
        if (terms.KnownDevice is null)
        {
            Add(1, "no_device_fingerprint");
        }
        else if (terms.KnownDevice == false)
        {
            Add(2, "new_device");
        }

        if (submission.Geo is null)
        {
            Add(1, "no_geo");
        }
        else if (terms.KnownGeo is null)
        {
            Add(1, "no_geo_history");
        }
        else if (terms.KnownGeo == false)
        {
            Add(2, "geo_mismatch");
        }

        if (terms.RecentAttempts > 0)
        {
            Add(2, "recent_attempts");
        }

        if (terms.AccountAgeDays < 7)
        {
            Add(2, "new_account");
        }

        if (terms.Guardians.Count < 3)
        {
            Add(1, "few_guardians");
        }

        if (terms.Frozen)
        {
            Add(3, "wallet_frozen");
        }

        return (score, reasons);
    }

    public static RecoveryRisk Level(int score) => score switch
    {
        <= 1 => RecoveryRisk.Low,
        <= 3 => RecoveryRisk.Medium,
        _ => RecoveryRisk.High,
    };
}
