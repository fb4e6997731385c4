using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// <c>/api/auth/...</c>: Sign-In with Ethereum (EIP-4361). The silo issues a nonce, stored in the wallet's grain; the wallet
/// signs the message; the silo checks the message (domain, chain, nonce, issued and expiry times), recovers the signer, uses
/// the nonce up, and returns a short-lived session token every silo accepts.
/// </summary>
internal static class AuthEndpoints
{
    /// <summary>The statement sign-in messages carry.</summary>
    public const string Statement = "Sign in to the Actors cluster.";

    /// <summary>How far in the future a message's issue time may be (clock skew).</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/nonce", NonceAsync).WithName("SignInNonce")
            .WithSummary("Issues a sign-in nonce for an address and the EIP-4361 message to sign with it.");
        group.MapPost("/verify", VerifyAsync).WithName("SignInVerify")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("Checks a signed EIP-4361 message and returns a session token for its address.");
        group.MapGet("/session", SessionAsync).WithName("Session")
            .Refuses(StatusCodes.Status401Unauthorized)
            .WithSummary("The address and expiry of the bearer token sent.");
    }

    private static async Task<Results<Ok<NonceResponse>, ValidationProblem, ProblemHttpResult>> NonceAsync(
        NonceRequest body, HttpRequest request, IGrainFactory grains, RateLimits limits, IOptions<GatewayOptions> options,
        TimeProvider time)
    {
        var fields = new Fields();
        var address = fields.Address("address", body.Address);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        if (limits.AdmitSignIn(address!, request.HttpContext.Response) is { } refused)
        {
            return refused;
        }

        var nonce = await grains.GetGrain<IWalletGrain>(WalletKeys.Of(address!)).IssueSignInNonce();
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var message = new SiweMessage(
            Domain(request, options.Value), address!, Statement, $"{request.Scheme}://{request.Host}", options.Value.ChainId, nonce, now,
            now + WalletLimits.SignInNonceLifetime);
        return TypedResults.Ok(new NonceResponse(nonce, message.ToString()));
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        VerifyRequest body, HttpRequest request, IGrainFactory grains, SessionTokens tokens, PrivacyHashes hashes, RateLimits limits,
        IOptions<GatewayOptions> options, TimeProvider time)
    {
        var fields = new Fields();
        if (!SiweMessage.TryParse(body.Message, out var message, out var messageError))
        {
            fields.Error("message", messageError);
        }

        var signature = fields.Signature("signature", body.Signature);
        var device = fields.Fingerprint("deviceFingerprint", body.DeviceFingerprint);
        var geo = fields.Country("geo", body.Geo);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        if (limits.AdmitSignIn(message!.Address, request.HttpContext.Response) is { } tooMany)
        {
            return tooMany;
        }

        var now = time.GetUtcNow();
        var refusal =
            message!.Domain != Domain(request, options.Value)
                ? ("wrong_domain", $"The message is for '{message.Domain}', not this service.")
            : message.ChainId != options.Value.ChainId
                ? ("wrong_chain", $"The message names chain {message.ChainId}, not {options.Value.ChainId}.")
            : message.ExpirationTime is { } expires && expires <= now ? ("message_expired", "The message has expired: ask for a new nonce.")
            : message.IssuedAt > now + AllowedSkew ? ("message_not_yet_valid", "The message is issued in the future.")
            : default((string Code, string Detail)?);
        if (refusal is { } refused)
        {
            return SignInRefused(refused.Code, refused.Detail);
        }

        // The wallet's current owner key signs: its own key until a recovery rotates it (as EIP-1271 wallets sign in).
        var wallet = grains.GetGrain<IWalletGrain>(WalletKeys.Of(message.Address));
        var terms = await wallet.GetRecoveryTerms();
        if (!PersonalSign.TryRecover(body.Message!, signature!, out var signer) || signer != terms.Owner)
        {
            return SignInRefused(RecoveryErrors.BadSignature, "The signature is not from the wallet's owner key.");
        }

        try
        {
            await wallet.UseSignInNonce(message.Nonce);
        }
        catch (RequestRejectedException error) when (error.Code == WalletErrors.StaleNonce)
        {
            return SignInRefused(WalletErrors.StaleNonce,
                "The nonce is not the address's current one: it was used, replaced or has expired. Ask for a new one.");
        }

        var client = request.HttpContext.Connection.RemoteIpAddress;
        await wallet.RecordLogin(
            device is null ? null : await hashes.DeviceAsync(device),
            client is null ? null : await hashes.ClientAddressAsync(client.ToString()),
            geo);
        var (token, expiresAt) = await tokens.IssueAsync(message.Address, terms.RecoveryNonce);
        return TypedResults.Ok(new SessionResponse(token, message.Address.ToString(), expiresAt));
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SessionAsync(HttpRequest request, SessionTokens tokens) =>
        await WalletSessionFilter.ReadAsync(request, tokens) is { } valid
            ? TypedResults.Ok(new SessionView(valid.Address.ToString(), valid.ExpiresAt))
            : WalletSessionFilter.SessionProblem();

    private static ProblemHttpResult SignInRefused(string code, string detail) =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, code, "Sign-in refused.", detail);

    private static string Domain(HttpRequest request, GatewayOptions options) => options.Domain ?? request.Host.Value ?? "localhost";
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
