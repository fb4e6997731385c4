using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Actors.Domain.Ethereum;

/// <summary>
/// <c>0x</c>-prefixed hexadecimal text, the form Ethereum tools exchange bytes in. Decoding accepts either letter case and
/// reports why text is not valid; encoding writes lowercase.
/// </summary>
public static class Hex
{
    /// <summary>Decodes <c>0x</c> followed by any even number of hex digits (<c>0x</c> alone is no bytes).</summary>
    /// <param name="text">The text to decode.</param>
    /// <param name="what">What the text is, for the error message (for example <c>"signature"</c>).</param>
    /// <param name="bytes">The decoded bytes when the text is valid.</param>
    /// <param name="error">Why the text is not valid, naming <paramref name="what"/>.</param>
    public static bool TryDecode(
        string? text, string what, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error) =>
        TryDecode(text, what, expectedLength: null, out bytes, out error);

    /// <summary>Decodes <c>0x</c> followed by exactly <paramref name="byteLength"/> bytes of hex digits.</summary>
    /// <param name="text">The text to decode.</param>
    /// <param name="byteLength">How many bytes the text must hold.</param>
    /// <param name="what">What the text is, for the error message.</param>
    /// <param name="bytes">The decoded bytes when the text is valid.</param>
    /// <param name="error">Why the text is not valid, naming <paramref name="what"/>.</param>
    public static bool TryDecode(
        string? text, int byteLength, string what, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        return TryDecode(text, what, byteLength, out bytes, out error);
    }

    /// <summary>Encodes <paramref name="bytes"/> as <c>0x</c> followed by lowercase hex digits.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static bool TryDecode(
        string? text, string what, int? expectedLength, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(what);
        bytes = null;
        if (string.IsNullOrEmpty(text))
        {
            error = $"{what} is empty";
            return false;
        }

        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            error = $"{what} must start with 0x";
            return false;
        }

        var digits = text.AsSpan(2);
        if (expectedLength is { } length && digits.Length != 2 * length)
        {
            error = string.Format(
                CultureInfo.InvariantCulture, "{0} must be 0x followed by {1} hex digits, not {2}", what, 2 * length, digits.Length);
            return false;
        }

        if (digits.Length % 2 != 0)
        {
            error = string.Format(CultureInfo.InvariantCulture, "{0} has an odd number of hex digits ({1})", what, digits.Length);
            return false;
        }

        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiHexDigit(digits[i]))
            {
                error = string.Format(
                    CultureInfo.InvariantCulture, "{0} has a character that is not a hex digit at position {1}", what, i + 2);
                return false;
            }
        }

        bytes = Convert.FromHexString(digits);
        error = null;
        return true;
    }
}
