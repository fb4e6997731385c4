namespace Actors.Grains.Recovery;

/// <summary>Recovery settings, bound from the <c>Recovery</c> configuration section.</summary>
public sealed class RecoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recovery";

    /// <summary>The timelock between reaching the guardians' threshold and finalization.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(48);

    /// <summary>The timelock of a high-risk request (after an operator's review).</summary>
    public TimeSpan HighRiskDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a request may wait for its guardians' approvals and an operator's review: past it, the request expires with
    /// no effect and the wallet's escrow for it ends.
    /// </summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>The chain id bound into what guardians sign, so a signature for one deployment is no good on another.</summary>
    public long ChainId { get; set; } = 1;
}
