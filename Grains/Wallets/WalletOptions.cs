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

/// <summary>A token bucket: <c>perMinute</c> tokens, refilled continuously; unlimited when <c>perMinute</c> is 0.</summary>
internal sealed class SensitiveOperationLimiter(int perMinute, TimeProvider time)
{
    private double _tokens = perMinute;
    private DateTimeOffset _last = time.GetUtcNow();

    public int PerMinute => perMinute;

    public bool TryTake()
    {
        if (perMinute <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var elapsed = Math.Max(0, (now - _last).TotalMinutes);
        _last = now;
        _tokens = Math.Min(perMinute, _tokens + (elapsed * perMinute));
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
