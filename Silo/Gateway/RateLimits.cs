using System.Globalization;
using System.Threading.RateLimiting;
using Actors.Domain.Ethereum;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;

namespace Actors.Silo.Gateway;

/// <summary>
/// The gateway's rate limits (ASP.NET Core rate limiting), each per silo: sign-in requests per minute per client address and per
/// wallet (<c>Gateway:RateLimit:SignInPerMinute</c>), and state-changing requests per second per client address and per wallet
/// (<c>Gateway:RateLimit:WritesPerSecond</c>, a burst of as many allowed). 0 turns a limit off. A refused request gets 429
/// <c>too_many_requests</c> with <c>Retry-After</c> and reaches no grain. The client address is the connection's; behind a proxy,
/// enable forwarded headers (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>).
/// </summary>
public sealed class RateLimits : IDisposable
{
    /// <summary>The problem code of a refused request.</summary>
    public const string TooManyRequests = "too_many_requests";

    private readonly PartitionedRateLimiter<string> _signInByWallet;

    /// <summary>Creates the per-wallet sign-in limiter from the options.</summary>
    public RateLimits(Microsoft.Extensions.Options.IOptions<GatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.RateLimit.SignInPerMinute;
        _signInByWallet = PartitionedRateLimiter.Create<string, string>(wallet => SignInWindow(wallet, perMinute));
    }

    /// <summary>Adds the per-client and per-wallet limits that need no request body to the services.</summary>
    public static void AddTo(IServiceCollection services, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context.Request)
                    ? SignInWindow("client:" + Client(context), options.SignInPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsWrite(context.Request)
                    ? WriteBucket("client:" + Client(context), options.WritesPerSecond)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsWrite(context.Request) && Wallet(context.Request) is { } wallet
                    ? WriteBucket(wallet, options.WritesPerSecond)
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return new ValueTask(Refused(rejected.HttpContext.Response, retryAfter).ExecuteAsync(rejected.HttpContext));
            };
        });
    }

    /// <summary>
    /// Takes a sign-in permit for <paramref name="wallet"/>; on refusal, returns the 429 to answer with (its Retry-After set on
    /// <paramref name="response"/>).
    /// </summary>
    public ProblemHttpResult? AdmitSignIn(EthereumAddress wallet, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        using var lease = _signInByWallet.AttemptAcquire(wallet.ToLowerHex());
        return lease.IsAcquired
            ? null
            : Refused(response, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
    }

    /// <inheritdoc />
    public void Dispose() => _signInByWallet.Dispose();

    private static ProblemHttpResult Refused(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, TooManyRequests, "Too many requests.",
            $"The rate limit is reached; retry after {seconds} s.");
    }

    private static RateLimitPartition<string> SignInWindow(string key, int perMinute) => perMinute <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    private static RateLimitPartition<string> WriteBucket(string key, int perSecond) => perSecond <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
        });

    // Wallet sign-ins, and operator logins to the dashboard and pages, whose guesses of the key this limit slows down.
    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.StartsWithSegments("/api/auth", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments(Dashboard.OperatorLogin.LoginPath, StringComparison.OrdinalIgnoreCase));

    private static bool IsWrite(HttpRequest request) =>
        IdempotencyMiddleware.ChangesState(request) && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !IsSignIn(request);

    private static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // The wallet a write acts for: the route's {address}, or else the session token it carries (a token is bound to one
    // wallet and cannot be forged, so a caller cannot spend another wallet's budget with it).
    private static string? Wallet(HttpRequest request) =>
        request.RouteValues["address"] is string address && EthereumAddress.TryParse(address, out var wallet, out _)
            ? "wallet:" + wallet.ToLowerHex()
        : request.Headers.Authorization.ToString() is { Length: > 0 and <= 256 } authorization
            ? "session:" + authorization
        : null;
}
