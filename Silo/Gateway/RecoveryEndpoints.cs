using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Recovery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>/api/recoveries/...</c>: anyone submits a recovery of a wallet to a new owner key (the device fingerprint is hashed with
/// the pepper before any grain sees it); guardians approve with EIP-191 signatures of the request's signing message; the owner,
/// or a threshold of guardians, cancel with signatures of its cancel message; operators review high-risk requests. Anyone reads
/// a request's progress; its device hash and country only operators.
/// </summary>
internal static class RecoveryEndpoints
{
    public static void MapRecoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recoveries").WithTags("Recovery");
        group.MapPost("", SubmitAsync).WithName("SubmitRecovery")
            .Refuses(StatusCodes.Status409Conflict)
            .WithSummary(
                "Submits a recovery (idempotent by request id): risk scored, then waiting for guardian approvals of signingMessage.");
        group.MapPost("/{requestId}/approvals", ApproveAsync).WithName("ApproveRecovery")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Counts a guardian's approval: an EIP-191 signature of the request's signingMessage by a current guardian of "
                + "the wallet.");
        group.MapPost("/{requestId}/cancel", CancelAsync).WithName("CancelRecovery")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Cancels with an EIP-191 signature of the request's cancelMessage: the owner's cancels at once, guardians' once "
                + "a threshold have signed.");
        group.MapPost("/{requestId}/review", ReviewAsync).RequireOperatorKey().WithName("ReviewRecovery")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("An operator's review of a high-risk request: approving starts the timelock, rejecting ends it.");
        group.MapGet("/{requestId}", GetAsync).WithName("GetRecovery")
            .Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A request: status, risk, approvals, when the timelock ends, and every step so far.");
    }

    private static async Task<Results<Ok<RecoveryResponse>, ValidationProblem>> SubmitAsync(
        RecoverySubmitRequest body, IGrainFactory grains, PrivacyHashes hashes)
    {
        var fields = new Fields();
        var requestId = fields.Id("requestId", body.RequestId, RecoveryRequestGrain.MaxRequestIdLength);
        var wallet = fields.PartyAddress("wallet", body.Wallet);
        var newOwner = fields.PartyAddress("newOwner", body.NewOwner);
        var device = fields.Fingerprint("deviceFingerprint", body.DeviceFingerprint);
        var geo = fields.Country("geo", body.Geo);
        var evidence = new List<Hash32>();
        if (body.EvidenceHashes is { Count: > RecoveryRequestGrain.MaxEvidence })
        {
            fields.Error("evidenceHashes", $"must hold at most {RecoveryRequestGrain.MaxEvidence} hashes");
        }
        else
        {
            for (var i = 0; i < (body.EvidenceHashes?.Count ?? 0); i++)
            {
                if (fields.Hash($"evidenceHashes[{i}]", body.EvidenceHashes![i]) is { } hash)
                {
                    evidence.Add(hash);
                }
            }
        }

        if (wallet is not null && wallet == newOwner)
        {
            fields.Error("newOwner", "must not be the wallet's own address");
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var deviceHash = device is null ? null : await hashes.DeviceAsync(device);
        var submission = new RecoverySubmission(wallet!, newOwner!, evidence, deviceHash, geo);
        return TypedResults.Ok(RecoveryResponse.Of(await Request(grains, requestId).Submit(submission), privateView: false));
    }

    private static async Task<Results<Ok<RecoveryResponse>, ValidationProblem>> ApproveAsync(
        string requestId, ApprovalRequest body, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("requestId", requestId, RecoveryRequestGrain.MaxRequestIdLength);
        var guardian = fields.PartyAddress("guardian", body.Guardian);
        fields.Signature("signature", body.Signature);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var view = await Request(grains, requestId).Approve(guardian!, body.Signature!);
        return TypedResults.Ok(RecoveryResponse.Of(view, privateView: false));
    }

    private static async Task<Results<Ok<RecoveryResponse>, ValidationProblem>> CancelAsync(
        string requestId, SignatureRequest body, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("requestId", requestId, RecoveryRequestGrain.MaxRequestIdLength);
        fields.Signature("signature", body.Signature);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        return TypedResults.Ok(RecoveryResponse.Of(await Request(grains, requestId).Cancel(body.Signature!), privateView: false));
    }

    private static async Task<Results<Ok<RecoveryResponse>, ValidationProblem>> ReviewAsync(
        string requestId, ReviewRequest body, IGrainFactory grains)
    {
        var fields = new Fields();
        fields.Id("requestId", requestId, RecoveryRequestGrain.MaxRequestIdLength);
        var approve = fields.Required("approve", body.Approve);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        return TypedResults.Ok(RecoveryResponse.Of(await Request(grains, requestId).Review(approve), privateView: true));
    }

    private static async Task<Results<Ok<RecoveryResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string requestId, HttpRequest request, IGrainFactory grains, OperatorKey operatorKey)
    {
        var fields = new Fields();
        fields.Id("requestId", requestId, RecoveryRequestGrain.MaxRequestIdLength);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var view = await Request(grains, requestId).Get();
        return view.Exists
            ? TypedResults.Ok(RecoveryResponse.Of(view, operatorKey.Matches(request.Headers[OperatorKey.Header])))
            : ApiProblems.Problem(
                StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found.", $"Recovery request '{requestId}' does not exist.");
    }

    private static IRecoveryRequestGrain Request(IGrainFactory grains, string requestId) =>
        grains.GetGrain<IRecoveryRequestGrain>(requestId);
}

/// <summary>The body of <c>POST /api/recoveries</c>.</summary>
/// <param name="RequestId">The request's id, chosen by the client: a repeat with the same body returns the request.</param>
/// <param name="Wallet">The wallet to recover.</param>
/// <param name="NewOwner">The key that is to control it.</param>
/// <param name="DeviceFingerprint">Optional: the requesting device's fingerprint, compared (hashed) with the wallet's sign-ins.</param>
/// <param name="Geo">Optional: the requester's country, ISO 3166-1 alpha-2.</param>
/// <param name="EvidenceHashes">Optional: hashes of supporting evidence kept elsewhere, at most 16.</param>
public sealed record RecoverySubmitRequest(
    string? RequestId, string? Wallet, string? NewOwner, string? DeviceFingerprint = null, string? Geo = null,
    IReadOnlyList<string?>? EvidenceHashes = null);

/// <summary>A guardian's approval: the guardian's address and its EIP-191 signature of the request's signing message.</summary>
public sealed record ApprovalRequest(string? Guardian, string? Signature);

/// <summary>A body carrying one EIP-191 signature.</summary>
public sealed record SignatureRequest(string? Signature);

/// <summary>An operator's review.</summary>
public sealed record ReviewRequest(bool? Approve);

/// <summary>
/// A recovery request as the REST API shows it. The device hash and country are present for operators only.
/// </summary>
public sealed record RecoveryResponse(
    string RequestId,
    EthereumAddress? Wallet,
    EthereumAddress? NewOwner,
    RecoveryStatus? Status,
    RecoveryRisk? Risk,
    int RiskScore,
    IReadOnlyList<string> RiskReasons,
    ulong RecoveryNonce,
    int Threshold,
    IReadOnlyList<EthereumAddress> Approvals,
    IReadOnlyList<EthereumAddress> CancelVotes,
    DateTimeOffset? ExecuteAfter,
    string SigningMessage,
    string CancelMessage,
    IReadOnlyList<Hash32> EvidenceHashes,
    IReadOnlyList<RecoveryStep> Steps,
    IReadOnlyList<TokenSnapshot> Snapshot,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    Hash32? DeviceFingerprintHash,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Geo)
{
    internal static RecoveryResponse Of(RecoveryView view, bool privateView) => new(
        view.RequestId, view.Wallet, view.NewOwner, view.Status, view.Risk, view.RiskScore, view.RiskReasons, view.RecoveryNonce,
        view.Threshold, view.Approvals, view.CancelVotes, view.ExecuteAfter, view.SigningMessage, view.CancelMessage, view.EvidenceHashes,
        view.Steps, view.Snapshot, privateView ? view.DeviceFingerprintHash : null, privateView ? view.Geo : null);
}
