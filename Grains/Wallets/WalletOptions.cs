namespace Actors.Grains.Wallets;

/// <summary>Wallet grain settings, bound from the <c>Wallets</c> configuration section.</summary>
public sealed class WalletOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Wallets";

    /// <summary>
    /// Sensitive operations (stake, unstake, claims, guardian and operator changes, token transfers and approvals) a wallet may
    /// start per minute, with bursts up to the same number; 0 turns the limit off. The limit lives in the wallet's activation:
    /// it starts full again when the wallet is activated elsewhere. The gateway's per-wallet limit is the first line.
    /// </summary>
    public int SensitiveOperationsPerMinute { get; set; } = 120;
}

/// <summary>
/// A token bucket of <c>perMinute</c> tokens, refilled continuously; unlimited when <c>perMinute</c> is 0. A struct held in the
/// wallet grain: no object per wallet. Full at first use.
/// </summary>
internal struct SensitiveOperationLimiter
{
    private double _used;
    private long _lastTicks;

    public bool TryTake(int perMinute, DateTimeOffset now)
    {
        if (perMinute <= 0)
        {
            return true;
        }

        // Track tokens used rather than left, so that the default (zero) is a full bucket.
        var elapsedMinutes = _lastTicks == 0 ? 0 : Math.Max(0, (now.UtcTicks - _lastTicks) / (double)TimeSpan.TicksPerMinute);
        _lastTicks = now.UtcTicks;
        _used = Math.Max(0, _used - (elapsedMinutes * perMinute));
        if (_used + 1 > perMinute)
        {
            return false;
        }

        _used += 1;
        return true;
    }
}
