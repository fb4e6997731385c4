using System.Globalization;
using System.Numerics;

namespace Actors.Client.LoadTest;

/// <summary>
/// What a pool reported at the end of a run (GET /api/pools/{id}): its total shares (the sum of its positions' stakes, the
/// tester's wallets all having the neutral weight) and its emitted, claimed, pending and dust, in base units; or why it could not be read.
/// </summary>
internal sealed record PoolFigures(string PoolId, BigInteger TotalShares, BigInteger Emitted, BigInteger Claimed, BigInteger Pending, BigInteger Dust, string? Unread)
{
    /// <summary>The figures in an answer, or a record of why there are none.</summary>
    public static PoolFigures Read(string poolId, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Succeeded)
        {
            return Unreadable(poolId, $"GET /api/pools/{poolId} answered {answer.Status} {answer.Error}");
        }

        BigInteger? Field(string name) =>
            answer[name] is { } text && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

        var (shares, emitted, claimed, pending, dust) = (Field("totalShares"), Field("emitted"), Field("claimed"), Field("pending"), Field("dust"));
        return shares is null || emitted is null || claimed is null || pending is null || dust is null
            ? Unreadable(poolId, $"GET /api/pools/{poolId} lacks totalShares, emitted, claimed, pending or dust as decimal strings")
            : new PoolFigures(poolId, shares.Value, emitted.Value, claimed.Value, pending.Value, dust.Value, null);
    }

    private static PoolFigures Unreadable(string poolId, string why) => new(poolId, 0, 0, 0, 0, 0, why);
}
