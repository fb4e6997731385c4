using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Recovery;
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
        VerifyRequest body, HttpRequest request, IGrainFactory grains, SessionTokens tokens, PrivacyHashes hashes, RateLimits limits,
        SignInTerms signIn, SignInNonces nonces, SignInAudit audit, TimeProvider time)
    {
        var fields = new Fields();
        if (!SiweMessage.TryParse(body.Message, out var message, out var messageError))
        {
            fields.Error("message", messageError);
        }

        var signature = fields.Signature("signature", body.Signature);
        var device = fields.Fingerprint("deviceFingerprint", body.DeviceFingerprint);
        var geo = fields.Country("geo", body.Geo);
        if (fields.Failed || message is null)
        {
            audit.Refused(ApiProblems.ValidationFailed, message?.Address);
            return fields.Problem();
        }

        if (signIn.Refusal(message, time.GetUtcNow()) is { } refused)
        {
            audit.Refused(refused.Code, message.Address);
            return SignInRefused(refused.Code, refused.Detail);
        }

        if (await nonces.ExpiryAsync(message.Address, message.Nonce) is not { } nonceExpires)
        {
            audit.Refused(WalletErrors.StaleNonce, message.Address);
            return StaleNonce();
        }

        // The wallet's current owner key signs: its own key until a recovery rotates it (as EIP-1271 wallets sign in).
        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.Of(message.Address));
        var terms = await wallet.GetRecoveryTerms();
        if (!PersonalSign.TryRecover(body.Message!, signature!, out var signer) || signer != terms.Owner)
        {
            audit.Refused(RecoveryErrors.BadSignature, message.Address);
            return SignInRefused(RecoveryErrors.BadSignature, "The signature is not from the wallet's owner key.");
        }

        // Counted per wallet only now that the owner key has signed: a stranger's attempts spend their client's budget alone.
        if (limits.AdmitSignIn(message.Address, request.HttpContext.Response) is { } tooMany)
        {
            audit.Refused(RateLimits.TooManyRequests, message.Address);
            return tooMany;
        }

        try
        {
            await wallet.UseSignInNonce(message.Nonce, nonceExpires);
        }
        catch (RequestRejectedException error) when (error.Code == WalletErrors.StaleNonce)
        {
            audit.Refused(WalletErrors.StaleNonce, message.Address);
            return StaleNonce();
        }
        catch (RequestRejectedException error)
        {
            audit.Refused(error.Code, message.Address); // over the wallet's remembered nonces: rate_limited
            throw;
        }

        var client = request.HttpContext.Connection.RemoteIpAddress;
        await wallet.RecordLogin(
            device is null ? null : await hashes.DeviceAsync(device),
            client is null ? null : await hashes.ClientAddressAsync(client.ToString()),
            geo);
        var (token, expiresAt) = await tokens.IssueAsync(message.Address, terms.RecoveryNonce);
        audit.SignedIn(message.Address);
        return TypedResults.Ok(new SessionResponse(token, message.Address.ToString(), expiresAt));
    }

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

/// <summary>What a bearer token stands for.</summary>
public sealed record SessionView(string Address, DateTimeOffset ExpiresAt);
