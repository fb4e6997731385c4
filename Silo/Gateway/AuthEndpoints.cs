using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Logins;
using Actors.Grains.Interfaces.Recovery;
using Actors.Silo.Logins;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>/api/auth/...</c>: Sign-In with Ethereum (EIP-4361). The silo issues a nonce of its own to every request
/// (<see cref="SignInNonces"/>, nothing stored); the wallet signs the message; the silo checks the message against
/// <see cref="SignInTerms"/> (domain and URI from configuration, chain, issue, expiry and not-before times) and its nonce,
/// recovers the signer, uses the nonce up in the wallet's grain, and returns a short-lived session token every silo accepts.
/// </summary>
internal static class AuthEndpoints
{
    /// <summary>The routes' prefix. Sign-in answers carry tokens, so nothing under it goes through the idempotency cache.</summary>
    public const string Prefix = "/api/auth";

    /// <summary>The statement sign-in messages carry.</summary>
    public const string Statement = "Sign in to the Actors cluster.";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Auth");
        group.MapPost("/nonce", NonceAsync).WithName("SignInNonce")
            .WithSummary("Issues a new sign-in nonce for an address (every request its own, valid 10 minutes) and the EIP-4361 message to sign with it.");
        group.MapPost("/verify", VerifyAsync).WithName("SignInVerify")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("Checks a signed EIP-4361 message and returns a session token for its address.");
        group.MapPost("/logout", LogoutAsync).WithName("Logout")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("Ends the bearer token's session: it is refused from now on, and its end is recorded in the wallet's login records.");
        group.MapPost("/step-up", StepUpAsync).WithName("StepUp")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("A fresh signed EIP-4361 message (from /api/auth/nonce) for the session's wallet: ends the step-up a login anomaly asked for.");
        group.MapGet("/session", SessionAsync).WithName("Session")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("The address and expiry of the bearer token sent; 401 session_revoked once a recovery of its wallet ended it.");
    }

    private static async Task<Results<Ok<NonceResponse>, ValidationProblem, ProblemHttpResult>> NonceAsync(
        NonceRequest body, SignInNonces nonces, SignInTerms terms)
    {
        var fields = new Fields();
        var address = fields.Address("address", body.Address);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        // No per-wallet limit here: anyone may ask for a wallet's nonces, so only the client address's limit applies, and a
        // nonce issued changes nothing the owner's pending sign-in depends on.
        var (nonce, now) = await nonces.IssueAsync(address!);
        var message = new SiweMessage(
            terms.Domain, address!, Statement, terms.Uri, terms.ChainId, nonce, now, now + WalletLimits.SignInNonceLifetime);
        return TypedResults.Ok(new NonceResponse(nonce, message.ToString()));
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        VerifyRequest body, HttpRequest request, IGrainFactory grains, SessionTokens tokens, RateLimits limits,
        SignInTerms signIn, SignInNonces nonces, SignInAudit audit, LoginRecorder records, TimeProvider time)
    {
        var signed = await CheckSignedAsync(body, request, grains, limits, signIn, nonces, audit, records, time);
        if (signed.Invalid is { } invalid)
        {
            return invalid;
        }

        if (signed.Problem is { } refused)
        {
            return refused;
        }

        var (message, terms, attempt) = (signed.Message!, signed.Terms!, signed.Attempt!);
        var (token, expiresAt, sessionId) = await tokens.IssueAsync(message.Address, terms.RecoveryNonce);
        await records.SignedInAsync(message.Address, attempt, sessionId, expiresAt);
        audit.SignedIn(message.Address);
        return TypedResults.Ok(new SessionResponse(token, message.Address.ToString(), expiresAt));
    }

    // A signed EIP-4361 message checked as a sign-in checks it: fields, terms, the silo's nonce, the owner key's signature, the
    // wallet's limit, and the nonce used up. A refusal is recorded in the wallet's login chain (when the message named one).
    private static async Task<SignedMessage> CheckSignedAsync(
        VerifyRequest body, HttpRequest request, IGrainFactory grains, RateLimits limits, SignInTerms signIn, SignInNonces nonces,
        SignInAudit audit, LoginRecorder records, TimeProvider time)
    {
        var fields = new Fields();
        if (!SiweMessage.TryParse(body.Message, out var message, out var messageError))
        {
            fields.Error("message", messageError);
        }

        var signature = fields.Signature("signature", body.Signature);
        var device = fields.Fingerprint("deviceFingerprint", body.DeviceFingerprint);
        var geo = fields.Country("geo", body.Geo);
        var attempt = await records.AttemptAsync(device, request.HttpContext.Connection.RemoteIpAddress, geo);
        async Task<SignedMessage> RefuseAsync(string code, ProblemHttpResult? problem, ValidationProblem? invalid = null)
        {
            audit.Refused(code, message?.Address);
            await records.RefusedAsync(message?.Address, attempt, code);
            return new SignedMessage(null, null, null, invalid, problem);
        }

        if (fields.Failed || message is null)
        {
            return await RefuseAsync(ApiProblems.ValidationFailed, null, fields.Problem());
        }

        if (signIn.Refusal(message, time.GetUtcNow()) is { } refused)
        {
            return await RefuseAsync(refused.Code, SignInRefused(refused.Code, refused.Detail));
        }

        if (await nonces.ExpiryAsync(message.Address, message.Nonce) is not { } nonceExpires)
        {
            return await RefuseAsync(WalletErrors.StaleNonce, StaleNonce());
        }

        // The wallet's current owner key signs: its own key until a recovery rotates it (as EIP-1271 wallets sign in).
        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.Of(message.Address));
        var terms = await wallet.GetRecoveryTerms();
        if (!PersonalSign.TryRecover(body.Message!, signature!, out var signer) || signer != terms.Owner)
        {
            return await RefuseAsync(RecoveryErrors.BadSignature, SignInRefused(RecoveryErrors.BadSignature, "The signature is not from the wallet's owner key."));
        }

        // Counted per wallet only now that the owner key has signed: a stranger's attempts spend their client's budget alone.
        if (limits.AdmitSignIn(message.Address, request.HttpContext.Response) is { } tooMany)
        {
            return await RefuseAsync(RateLimits.TooManyRequests, tooMany);
        }

        try
        {
            await wallet.UseSignInNonce(message.Nonce, nonceExpires);
        }
        catch (RequestRejectedException error) when (error.Code == WalletErrors.StaleNonce)
        {
            return await RefuseAsync(WalletErrors.StaleNonce, StaleNonce());
        }
        catch (RequestRejectedException error)
        {
            await RefuseAsync(error.Code, SignInRefused(error.Code, error.Message)); // over the wallet's remembered nonces: rate_limited
            throw;
        }

        return new SignedMessage(message, terms, attempt, null);
    }

    private static async Task<Results<Ok<LogoutResponse>, ProblemHttpResult>> LogoutAsync(
        HttpRequest request, SessionTokens tokens, IGrainFactory grains, LoginRecorder records)
    {
        var (session, revoked) = await WalletSessionFilter.ReadAsync(request, tokens, grains);
        if (session is null)
        {
            return revoked ?? WalletSessionFilter.SessionProblem();
        }

        await grains.GetGrain<IWalletGrain>(WalletKeys.Of(session.Address)).EndSession(session.SessionId, session.ExpiresAt.ToUnixTimeSeconds());
        await records.SessionEndedAsync(session.Address, session.SessionId, LoginOutcomes.Logout);
        return TypedResults.Ok(new LogoutResponse(session.Address.ToString(), session.SessionId));
    }

    private static async Task<Results<Ok<WalletStepUpResponse>, ValidationProblem, ProblemHttpResult>> StepUpAsync(
        VerifyRequest body, HttpRequest request, IGrainFactory grains, SessionTokens tokens, RateLimits limits,
        SignInTerms signIn, SignInNonces nonces, SignInAudit audit, LoginRecorder records, TimeProvider time)
    {
        var (session, revoked) = await WalletSessionFilter.ReadAsync(request, tokens, grains);
        if (session is null)
        {
            return revoked ?? WalletSessionFilter.SessionProblem();
        }

        if (!SiweMessage.TryParse(body.Message, out var parsed, out _) || parsed.Address != session.Address)
        {
            var fields = new Fields();
            fields.Error("message", parsed is null ? "not an EIP-4361 message" : "the message is for another address than the session's");
            return fields.Problem();
        }

        var signed = await CheckSignedAsync(body, request, grains, limits, signIn, nonces, audit, records, time);
        if (signed.Invalid is { } invalid)
        {
            return invalid;
        }

        if (signed.Problem is { } refused)
        {
            return refused;
        }

        await grains.GetGrain<IWalletGrain>(WalletKeys.Of(session.Address)).CompleteStepUp();
        await records.SteppedUpAsync(session.Address, session.SessionId, signed.Attempt!);
        return TypedResults.Ok(new WalletStepUpResponse(session.Address.ToString(), session.SessionId));
    }

    // Either the checked message with the wallet's terms and the attempt to record, or the refusal: a validation problem or another.
    private sealed record SignedMessage(
        SiweMessage? Message, RecoveryTerms? Terms, SignInAttempt? Attempt, ValidationProblem? Invalid = null, ProblemHttpResult? Problem = null);

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SessionAsync(
        HttpRequest request, SessionTokens tokens, IGrainFactory grains) =>
        await WalletSessionFilter.ReadAsync(request, tokens, grains) switch
        {
            (_, { } revoked) => revoked,
            ({ } valid, _) => TypedResults.Ok(new SessionView(valid.Address.ToString(), valid.ExpiresAt)),
            _ => WalletSessionFilter.SessionProblem(),
        };

    private static ProblemHttpResult StaleNonce() => SignInRefused(WalletErrors.StaleNonce,
        "The nonce was not issued for this address, was used already or has expired: ask for a new one.");

    private static ProblemHttpResult SignInRefused(string code, string detail) =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, code, "Sign-in refused.", detail);
}

/// <summary>The body of <c>POST /api/auth/nonce</c>.</summary>
public sealed record NonceRequest(string? Address);

/// <summary>A sign-in nonce and the EIP-4361 message to sign.</summary>
public sealed record NonceResponse(string Nonce, string Message);

/// <summary>The body of <c>POST /api/auth/verify</c>: the signed message and its 65-byte signature.</summary>
/// <param name="Message">The EIP-4361 message from <c>/api/auth/nonce</c>.</param>
/// <param name="Signature">The EIP-191 signature of the message by the wallet's owner key.</param>
/// <param name="DeviceFingerprint">Optional: the device's fingerprint; only its peppered hash is kept, for recovery risk scoring.</param>
/// <param name="Geo">Optional: the client's country, ISO 3166-1 alpha-2.</param>
public sealed record VerifyRequest(string? Message, string? Signature, string? DeviceFingerprint = null, string? Geo = null);

/// <summary>A session: the bearer token, the address it acts for (EIP-55) and when it expires.</summary>
public sealed record SessionResponse(string Token, string Address, DateTimeOffset ExpiresAt);

/// <summary>A session ended by logout.</summary>
public sealed record LogoutResponse(string Address, string SessionId);

/// <summary>A step-up given: the wallet's sensitive operations are open again to the session.</summary>
public sealed record WalletStepUpResponse(string Address, string SessionId);

/// <summary>What a bearer token stands for.</summary>
public sealed record SessionView(string Address, DateTimeOffset ExpiresAt);
