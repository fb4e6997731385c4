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

    /// <summary>The largest request body accepted, in bytes. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
