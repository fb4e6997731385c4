using System.Diagnostics.CodeAnalysis;

namespace Actors.Domain.Money;

public readonly partial struct UInt256
{
    /// <summary>The most decimal digits an amount has: 2^256-1 has 78.</summary>
    public const int MaxDigits = 78;

    private const ulong ChunkDivisor = 10_000_000_000_000_000_000; // 10^19, the largest power of 10 in a ulong.
    private const int ChunkDigits = 19;

    /// <summary>
    /// Parses the canonical decimal form: 1 to 78 ASCII digits, no leading zeros (except "0" itself), no sign, spaces, separators,
    /// decimal point or exponent, at most 2^256-1. One value has exactly one text, so amounts compare and hash as text too.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The value, or 0 when the text is rejected.</param>
    /// <param name="error">Why the text was rejected (a sentence for an HTTP 400 problem), or null.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, out UInt256 result, [NotNullWhen(false)] out string? error)
    {
        if (s is null)
        {
            result = Zero;
            error = "An amount is required.";
            return false;
        }

        return TryParse(s.AsSpan(), out result, out error);
    }

    /// <inheritdoc cref="TryParse(string?, out UInt256, out string?)"/>
    public static bool TryParse(ReadOnlySpan<char> s, out UInt256 result, [NotNullWhen(false)] out string? error)
    {
        result = Zero;
        error = Validate(s);
        if (error is not null)
        {
            return false;
        }

        // Chunks of up to 19 digits: value = value * 10^k + chunk, with the overflow out of the top limb checked.
        var value = Zero;
        var first = s.Length % ChunkDigits;
        if (first == 0)
        {
            first = ChunkDigits;
        }

        for (var start = 0; start < s.Length; start += start == 0 ? first : ChunkDigits)
        {
            var length = start == 0 ? first : ChunkDigits;
            var chunk = ulong.Parse(s.Slice(start, length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
            if (!TryMultiplyAdd(value, PowersOf10[length].U0, chunk, out value))
            {
                error = "An amount must not exceed 2^256-1 (115792089237316195423570985008687907853269984665640564039457584007913129639935).";
                result = Zero;
                return false;
            }
        }

        result = value;
        return true;
    }

    private static string? Validate(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return "An amount must not be empty.";
        }

        var bad = s.IndexOfAnyExceptInRange('0', '9');
        if (bad >= 0)
        {
            return s[bad] switch
            {
                '-' => "An amount must not be negative.",
                '+' => "An amount must not carry a sign.",
                '.' or ',' => "An amount is an integer of base units: no decimal point or separator.",
                'e' or 'E' => "An amount must be written out in digits: no exponent.",
                _ when char.IsWhiteSpace(s[bad]) => "An amount must not contain spaces.",
                _ => $"An amount must contain only the digits 0-9 (found a character other than a digit at position {bad}).",
            };
        }

        if (s.Length > MaxDigits)
        {
            return $"An amount has at most {MaxDigits} digits (2^256-1).";
        }

        return s.Length > 1 && s[0] == '0' ? "An amount must not have leading zeros." : null;
    }

    private static bool TryMultiplyAdd(UInt256 value, ulong factor, ulong addend, out UInt256 result)
    {
        Span<ulong> limbs = [value._u0, value._u1, value._u2, value._u3];
        var carry = addend;
        for (var i = 0; i < limbs.Length; i++)
        {
            var t = (UInt128)limbs[i] * factor + carry;
            limbs[i] = (ulong)t;
            carry = (ulong)(t >> 64);
        }

        result = new UInt256(limbs[3], limbs[2], limbs[1], limbs[0]);
        return carry == 0;
    }

    /// <summary>Parses the canonical decimal form; throws <see cref="FormatException"/> with the reason otherwise.</summary>
    public static UInt256 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses the canonical decimal form; throws <see cref="FormatException"/> with the reason otherwise.</summary>
    public static UInt256 Parse(ReadOnlySpan<char> s) =>
        TryParse(s, out var result, out var error) ? result : throw new FormatException(error);

    /// <inheritdoc/>
    /// <remarks>The format provider is ignored: amounts have one culture-independent form.</remarks>
    public static UInt256 Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    /// <remarks>The format provider is ignored: amounts have one culture-independent form.</remarks>
    public static UInt256 Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out UInt256 result) =>
        TryParse(s, out result, out _);

    /// <inheritdoc/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out UInt256 result) =>
        TryParse(s, out result, out _);

    /// <summary>The canonical decimal form.</summary>
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[MaxDigits];
        var written = FormatDigits(buffer);
        return new string(buffer[^written..]);
    }

    /// <summary>The canonical decimal form; the format must be null, empty, "G" or "D" (no precision); the provider is ignored.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        CheckFormat(format);
        return ToString();
    }

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        CheckFormat(format);
        Span<char> buffer = stackalloc char[MaxDigits];
        var written = FormatDigits(buffer);
        if (buffer[^written..].TryCopyTo(destination))
        {
            charsWritten = written;
            return true;
        }

        charsWritten = 0;
        return false;
    }

    /// <inheritdoc/>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        CheckFormat(format);
        Span<char> buffer = stackalloc char[MaxDigits];
        var written = FormatDigits(buffer);
        if (written > utf8Destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        for (var i = 0; i < written; i++)
        {
            utf8Destination[i] = (byte)buffer[MaxDigits - written + i];
        }

        bytesWritten = written;
        return true;
    }

    private static void CheckFormat(ReadOnlySpan<char> format)
    {
        if (!(format.IsEmpty || format is "G" or "g" or "D" or "d"))
        {
            throw new FormatException($"UInt256 supports only the decimal format (\"G\" or \"D\"), not \"{format}\".");
        }
    }

    /// <summary>Writes the digits right-aligned into a buffer of <see cref="MaxDigits"/> chars; returns how many.</summary>
    private int FormatDigits(Span<char> buffer)
    {
        var position = buffer.Length;
        var rest = this;
        do
        {
            rest = DivRem(rest, ChunkDivisor, out var chunk);
            var digits = 0;
            do
            {
                buffer[--position] = (char)('0' + (int)(chunk % 10));
                chunk /= 10;
                digits++;
            }
            while (chunk != 0 || (!rest.IsZero && digits < ChunkDigits));
        }
        while (!rest.IsZero);

        return buffer.Length - position;
    }
}
