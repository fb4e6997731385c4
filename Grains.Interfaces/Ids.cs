using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Actors.Grains.Interfaces;

/// <summary>The text rules ids and codes share, so that grains and the REST gateway check them alike.</summary>
public static class Ids
{
    /// <summary>Whether <paramref name="text"/> is 1 to <paramref name="maxLength"/> ASCII letters, digits, '.', '_' or '-'.</summary>
    public static bool IsId([NotNullWhen(true)] string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The longest device fingerprint accepted.</summary>
    public const int MaxFingerprintLength = 512;

    /// <summary>Whether <paramref name="text"/> is a device fingerprint: 1 to 512 printable ASCII characters.</summary>
    public static bool IsFingerprint([NotNullWhen(true)] string? text) =>
        text is { Length: > 0 and <= MaxFingerprintLength } && text.All(c => c is >= ' ' and <= '~');

    /// <summary>Whether <paramref name="text"/> is an ISO 3166-1 alpha-2 country code: two uppercase letters.</summary>
    public static bool IsCountryCode([NotNullWhen(true)] string? text) => text is { Length: 2 } && text.All(char.IsAsciiLetterUpper);

    /// <summary>The longest asset code.</summary>
    public const int MaxAssetLength = 16;

    /// <summary>
    /// Whether <paramref name="text"/> is an asset code: an uppercase letter, then up to 15 uppercase letters or digits
    /// (<c>STAKE</c>, <c>REWARD</c>, <c>USDC</c>).
    /// </summary>
    public static bool IsAsset([NotNullWhen(true)] string? text) =>
        text is { Length: > 0 and <= MaxAssetLength } && char.IsAsciiLetterUpper(text[0]) && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>
    /// Whether <paramref name="text"/> is free text a person can read as written: well-formed UTF-16 without control characters
    /// (Unicode Cc), format characters (Cf: the bidirectional overrides and isolates U+202A-U+202E and U+2066-U+2069, the
    /// zero-width U+200B-U+200F, joiners, U+FEFF), line or paragraph separators, or unassigned code points, any of which could
    /// make one text look like another.
    /// </summary>
    public static bool IsVisibleText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                return false; // a lone surrogate
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
