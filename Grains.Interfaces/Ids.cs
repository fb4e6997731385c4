using System.Diagnostics.CodeAnalysis;

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
}
