namespace Actors.Silo.Gateway;

/// <summary>The REST gateway's settings, bound from the <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The operator credential, sent in <c>X-Operator-Key</c>. When unset, one is generated, stored in the data folder
    /// (<c>Storage:Path</c>) and printed once on the console; it never goes to the logs.
    /// </summary>
    public string? OperatorKey { get; set; }

    /// <summary>How long an <c>Idempotency-Key</c> and its stored response are kept. Default 24 hours.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request's claim of its <c>Idempotency-Key</c> lasts without renewal; the silo running it renews it every third
    /// of this. A retry takes the claim over at once when the running silo is dead in the membership, and after this long when
    /// that silo is alive but stopped renewing (hung, or cut off from the cluster). Shorter frees keys sooner after such a
    /// fault; longer tolerates longer stalls (a GC pause, an overloaded silo) before a retry runs beside the first attempt,
    /// which stays harmless because both run under one operation id. Default 5 seconds.
    /// </summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each silo deletes the stored idempotency records that expired: those unchanged for
    /// <see cref="IdempotencyKeyLifetime"/>, the grain collection age and an hour more. Default one hour.
    /// </summary>
    public TimeSpan IdempotencySweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The key session tokens are signed with; every silo of a cluster must share it. When unset, a secret created once and
    /// kept in the cluster's storage is used. Never logged.
    /// </summary>
    public string? SessionKey { get; set; }

    /// <summary>How long a session token from sign-in is valid. Default 15 minutes.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The domain sign-in messages name (EIP-4361): a host, with a port if the site's origin names one. When unset, the host of
    /// <see cref="PublicUrl"/>, else <c>localhost</c>; never a request's Host header, which the client chooses.
    /// </summary>
    public string? Domain { get; set; }

    /// <summary>
    /// The gateway's public URL (an absolute http or https URL): the URI sign-in messages name, whose origin a signed message's
    /// URI must have. When unset, messages name <c>https://{Domain}</c> and a message's URI must be on the domain's host.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The chain id sign-in messages name. Default 1.</summary>
    public long ChainId { get; set; } = 1;

    /// <summary>The largest request body accepted, in bytes. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The secret device fingerprints and client addresses are hashed with (HMAC) before any grain sees them; every silo of a
    /// cluster must share it. When unset, a secret created once and kept in the cluster's storage is used. Never logged.
    /// </summary>
    public string? Pepper { get; set; }

    /// <summary>Request rate limits, per client address and per wallet (<c>Gateway:RateLimit</c>).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>The gateway's rate limits; 0 turns a limit off (load tests, trusted internal callers).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in requests (nonce and verify) per minute, per client address and per wallet. Default 30.</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>
    /// State-changing requests per second, per client address and per wallet (a burst of as many is allowed). Default 20.
    /// </summary>
    public int WritesPerSecond { get; set; } = 20;
}
