using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;
using Actors.Runtime;
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
            .WithSummary("Checks a signed EIP-4361 message and returns a session token for its address.");
        group.MapGet("/session", SessionAsync).WithName("Session")
            .WithSummary("The address and expiry of the bearer token sent.");
    }

    private static async Task<Results<Ok<NonceResponse>, ValidationProblem>> NonceAsync(
        NonceRequest body, HttpRequest request, IGrainFactory grains, IOptions<GatewayOptions> options, TimeProvider time)
    {
        var fields = new Fields();
        var address = fields.Address("address", body.Address);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var nonce = await grains.GetGrain<IWalletGrain>(WalletKeys.Of(address!)).IssueSignInNonce();
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var message = new SiweMessage(
            Domain(request, options.Value), address!, Statement, $"{request.Scheme}://{request.Host}", options.Value.ChainId, nonce, now,
            now + WalletLimits.SignInNonceLifetime);
        return TypedResults.Ok(new NonceResponse(nonce, message.ToString()));
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        VerifyRequest body, HttpRequest request, IGrainFactory grains, SessionTokens tokens, IOptions<GatewayOptions> options, TimeProvider time)
    {
        var fields = new Fields();
        if (!SiweMessage.TryParse(body.Message, out var message, out var messageError))
        {
            fields.Error("message", messageError);
        }

        if (!EthereumSignature.TryParse(body.Signature, out var signature, out var signatureError))
        {
            fields.Error("signature", signatureError);
        }

        if (fields.Failed)
        {
            return fields.Problem();
        }

        var now = time.GetUtcNow();
        var refusal =
            message!.Domain != Domain(request, options.Value) ? ("wrong_domain", $"The message is for '{message.Domain}', not this service.")
            : message.ChainId != options.Value.ChainId ? ("wrong_chain", $"The message names chain {message.ChainId}, not {options.Value.ChainId}.")
            : message.ExpirationTime is { } expires && expires <= now ? ("message_expired", "The message has expired: ask for a new nonce.")
            : message.IssuedAt > now + AllowedSkew ? ("message_not_yet_valid", "The message is issued in the future.")
            : !PersonalSign.TryRecover(body.Message!, signature!, out var signer) || signer != message.Address
                ? ("bad_signature", "The signature is not the message address's.")
            : default((string Code, string Detail)?);
        if (refusal is { } refused)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, refused.Code, "Sign-in refused.", refused.Detail);
        }

        try
        {
            await grains.GetGrain<IWalletGrain>(WalletKeys.Of(message.Address)).UseSignInNonce(message.Nonce);
        }
        catch (RequestRejectedException error) when (error.Code == WalletErrors.StaleNonce)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, WalletErrors.StaleNonce, "Sign-in refused.",
                "The nonce is not the address's current one: it was used, replaced or has expired. Ask for a new one.");
        }

        var (token, expiresAt) = await tokens.IssueAsync(message.Address);
        return TypedResults.Ok(new SessionResponse(token, message.Address.ToString(), expiresAt));
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SessionAsync(HttpRequest request, SessionTokens tokens)
    {
        var header = request.Headers.Authorization.ToString();
        var session = header.StartsWith("Bearer ", StringComparison.Ordinal) ? await tokens.ValidateAsync(header["Bearer ".Length..]) : null;
        return session is { } valid
            ? TypedResults.Ok(new SessionView(valid.Address.ToString(), valid.ExpiresAt))
            : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "session_required", "A valid session is required.",
                "Send 'Authorization: Bearer <token>' with a token from /api/auth/verify that has not expired.");
    }

    private static string Domain(HttpRequest request, GatewayOptions options) => options.Domain ?? request.Host.Value ?? "localhost";
}

/// <summary>The body of <c>POST /api/auth/nonce</c>.</summary>
public sealed record NonceRequest(string? Address);

/// <summary>A sign-in nonce and the EIP-4361 message to sign.</summary>
public sealed record NonceResponse(string Nonce, string Message);

/// <summary>The body of <c>POST /api/auth/verify</c>: the signed message and its 65-byte signature.</summary>
public sealed record VerifyRequest(string? Message, string? Signature);

/// <summary>A session: the bearer token, the address it acts for (EIP-55) and when it expires.</summary>
public sealed record SessionResponse(string Token, string Address, DateTimeOffset ExpiresAt);

/// <summary>What a bearer token stands for.</summary>
public sealed record SessionView(string Address, DateTimeOffset ExpiresAt);
