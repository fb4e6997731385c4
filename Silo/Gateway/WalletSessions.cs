using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>
/// Wallet-owned routes: the caller shows a session token from sign-in (<c>Authorization: Bearer</c>). The filter checks the
/// route's <c>{address}</c> first (400 naming it), then the token (401 <c>session_required</c>) and that no recovery has
/// rotated the wallet's owner since the sign-in and no logout ended it (401 <c>session_revoked</c>), and last that the session is the route's wallet
/// (403 <c>not_authorized</c>: a session acts only on its own wallet). The handler reads the session with <see cref="Of"/>.
/// </summary>
public sealed class WalletSessionFilter(SessionTokens tokens, IGrainFactory grains, bool ownWalletOnly) : IEndpointFilter
{
    private const string SessionItem = "actors.session";

    /// <summary>Why a call without a valid session is refused.</summary>
    public const string SessionRequired = "session_required";

    /// <summary>Why a session issued before a recovery of its wallet is refused.</summary>
    public const string SessionRevoked = "session_revoked";

    /// <summary>The session the filter admitted.</summary>
    public static Session Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[SessionItem] as Session ?? throw new InvalidOperationException("The route has no wallet session filter.");
    }

    /// <summary>
    /// The session a request's bearer token stands for: null without a valid, unexpired token; and, when a recovery of its
    /// wallet has ended it since the sign-in, the 401 <c>session_revoked</c> to answer with instead. Every route that reads a
    /// session asks this, so that a revoked session reads nothing a session may read.
    /// </summary>
    public static async Task<(Session? Session, ProblemHttpResult? Revoked)> ReadAsync(
        HttpRequest request, SessionTokens tokens, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(grains);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || await tokens.ValidateAsync(header["Bearer ".Length..].Trim()) is not { } session)
        {
            return (null, null);
        }

        var status = await grains.GetGrain<IWalletGrain>(WalletKeys.Of(session.Address)).GetSession(session.SessionId);
        return status.RecoveryNonce != session.RecoveryNonce
            ? (null, ApiProblems.Problem(StatusCodes.Status401Unauthorized, SessionRevoked, "The session has ended.",
                "The wallet was recovered to a new owner after this sign-in: sign in again with the owner's key."))
            : status.Ended
                ? (null, ApiProblems.Problem(StatusCodes.Status401Unauthorized, SessionRevoked, "The session has ended.",
                    "The session was logged out: sign in again."))
                : (session, null);
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        EthereumAddress? wallet = null;
        if (ownWalletOnly)
        {
            var fields = new Fields();
            wallet = fields.Address("address", http.Request.RouteValues["address"] as string);
            if (fields.Failed)
            {
                return fields.Problem();
            }
        }

        var (session, revoked) = await ReadAsync(http.Request, tokens, grains);
        if (revoked is not null)
        {
            return revoked;
        }

        if (session is null)
        {
            return SessionProblem();
        }

        if (wallet is not null && wallet != session.Address)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, WalletErrors.NotAuthorized, "Not your wallet.",
                "A session acts only on its own wallet.");
        }

        http.Items[SessionItem] = session;
        return await next(context);
    }

    /// <summary>The 401 for a missing, invalid or expired token.</summary>
    public static ProblemHttpResult SessionProblem() =>
        ApiProblems.Problem(StatusCodes.Status401Unauthorized, SessionRequired, "A valid session is required.",
            "Send 'Authorization: Bearer <token>' with a token from /api/auth/verify that has not expired.");
}

/// <summary>Extensions to mark wallet-owned routes.</summary>
public static class WalletSessionRouteExtensions
{
    /// <summary>
    /// Requires a session for the wallet named by the route's <c>{address}</c>: 400 for an address that is not one, 401 without a
    /// valid session, 403 for another wallet's.
    /// </summary>
    public static RouteHandlerBuilder RequireOwnWallet(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilterFactory((factory, next) => Filter(factory, next, ownWalletOnly: true))
            .WithMetadata(new WalletSessionMetadata())
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>
    /// Requires a session for any wallet: the route acts as that wallet (for example a token transfer by its owner or operator).
    /// </summary>
    public static RouteHandlerBuilder RequireWalletSession(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilterFactory((factory, next) => Filter(factory, next, ownWalletOnly: false))
            .WithMetadata(new WalletSessionMetadata()).Refuses(StatusCodes.Status401Unauthorized);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext factory, EndpointFilterDelegate next, bool ownWalletOnly)
    {
        var services = factory.ApplicationServices;
        var filter = new WalletSessionFilter(
            services.GetRequiredService<SessionTokens>(), services.GetRequiredService<IGrainFactory>(), ownWalletOnly);
        return invocation => filter.InvokeAsync(invocation, next);
    }
}
