using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Actors.Domain.Merkle;

/// <summary>
/// Hex text as the command line and HTTP APIs write bytes: an optional <c>0x</c> prefix and an even number of hex digits in
/// either case. <c>""</c> and <c>"0x"</c> are the empty byte string.
/// </summary>
public static class HexText
{
    /// <summary>Decodes hex text; fails with a reason naming what is wrong.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? reason)
    {
        bytes = null;
        if (text is null)
        {
            reason = "no hex value given";
            return false;
        }

        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();
        if (digits.Length % 2 != 0)
        {
            reason = $"'{text}' has an odd number of hex digits";
            return false;
        }

        var decoded = new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, decoded, out _, out _) != OperationStatus.Done)
        {
            reason = $"'{text}' is not hex";
            return false;
        }

        bytes = decoded;
        reason = null;
        return true;
    }
}
