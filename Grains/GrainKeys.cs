using System.Text;
using Actors.Grains.Interfaces;

namespace Actors.Grains;

/// <summary>The rule every grain key a request names must keep, checked before a grain with that key is called.</summary>
internal static class GrainKeys
{
    /// <summary>The longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 512;

    /// <summary>Refuses <paramref name="key"/> (the input <paramref name="field"/>) unless it is 1 to 512 UTF-8 bytes of well-formed text without control or other invisible characters.</summary>
    public static void Validate(string field, string? key)
    {
        var problem = key switch
        {
            null or "" => "must not be empty",
            _ when key.Length > MaxKeyBytes || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes => $"is longer than {MaxKeyBytes} UTF-8 bytes",
            _ when key.Any(char.IsControl) => "contains a control character",
            _ when key.Contains('\uFFFD', StringComparison.Ordinal) || !WellFormed(key) => "is not well-formed Unicode",
            _ when !Ids.IsVisibleText(key) => "contains an invisible character (a format, bidirectional, zero-width or separator character)",
            _ => null,
        };
        if (problem is not null)
        {
            throw RequestRejectedException.Invalid(field, $"The key {problem}.");
        }
    }

    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                return false; // a low surrogate not taken by the high one before it
            }

            if (char.IsHighSurrogate(text[i]) && (++i >= text.Length || !char.IsLowSurrogate(text[i])))
            {
                return false;
            }
        }

        return true;
    }
}
