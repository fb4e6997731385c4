using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Actors.Domain.Money;

/// <summary>
/// An unsigned 256-bit integer: an amount of money in base units (wei-like), from 0 to 2^256-1.
/// </summary>
/// <remarks>
/// <para>
/// Four 64-bit limbs and nothing else (32 bytes), so a million wallets with a few amounts each stay small in memory.
/// Arithmetic is always checked: <c>+</c>, <c>-</c> and <c>*</c> throw <see cref="OverflowException"/> instead of wrapping,
/// and <c>/</c> and <c>%</c> throw <see cref="DivideByZeroException"/> for a zero divisor. There is no floating point and no
/// conversion from or to it. <see cref="MulDivDown"/> and <see cref="MulDivUp"/> scale by a fraction with a 512-bit
/// intermediate product and an explicit rounding direction.
/// </para>
/// <para>
/// Text and JSON use one canonical form: decimal digits without sign, spaces, separators, exponent or leading zeros
/// (see <see cref="TryParse(string?, out UInt256, out string?)"/>). In JSON an amount is a string, never a number.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
[JsonConverter(typeof(UInt256JsonConverter))]
public readonly partial struct UInt256 :
    IEquatable<UInt256>,
    IComparable<UInt256>,
    IComparable,
    IComparisonOperators<UInt256, UInt256, bool>,
    IAdditionOperators<UInt256, UInt256, UInt256>,
    ISubtractionOperators<UInt256, UInt256, UInt256>,
    IMultiplyOperators<UInt256, UInt256, UInt256>,
    IDivisionOperators<UInt256, UInt256, UInt256>,
    IModulusOperators<UInt256, UInt256, UInt256>,
    IAdditiveIdentity<UInt256, UInt256>,
    IMultiplicativeIdentity<UInt256, UInt256>,
    IMinMaxValue<UInt256>,
    ISpanParsable<UInt256>,
    ISpanFormattable,
    IUtf8SpanFormattable
{
    // Little-endian limbs: _u0 holds the least significant 64 bits.
    private readonly ulong _u0;
    private readonly ulong _u1;
    private readonly ulong _u2;
    private readonly ulong _u3;

    /// <summary>Creates a value from its four 64-bit limbs, most significant first (as <see cref="UInt128(ulong, ulong)"/> does).</summary>
    public UInt256(ulong u3, ulong u2, ulong u1, ulong u0)
    {
        _u0 = u0;
        _u1 = u1;
        _u2 = u2;
        _u3 = u3;
    }

    /// <summary>The four 64-bit limbs, most significant first (the order of the constructor).</summary>
    public void Deconstruct(out ulong u3, out ulong u2, out ulong u1, out ulong u0) => (u3, u2, u1, u0) = (_u3, _u2, _u1, _u0);

    /// <summary>0.</summary>
    public static UInt256 Zero => default;

    /// <summary>1.</summary>
    public static UInt256 One => new(0, 0, 0, 1);

    /// <summary>2^256-1, the largest amount.</summary>
    public static UInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>0, the smallest amount.</summary>
    public static UInt256 MinValue => default;

    /// <inheritdoc/>
    public static UInt256 AdditiveIdentity => default;

    /// <inheritdoc/>
    public static UInt256 MultiplicativeIdentity => One;

    /// <summary>Whether the value is 0.</summary>
    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;

    internal ulong U0 => _u0;

    internal ulong U1 => _u1;

    internal ulong U2 => _u2;

    internal ulong U3 => _u3;

    /// <summary>Widens a 64-bit amount.</summary>
    public static implicit operator UInt256(ulong value) => new(0, 0, 0, value);

    /// <summary>Widens a 32-bit amount.</summary>
    public static implicit operator UInt256(uint value) => new(0, 0, 0, value);

    /// <summary>Narrows to 64 bits; throws <see cref="OverflowException"/> when the value does not fit.</summary>
    public static explicit operator ulong(UInt256 value) => value.ToUInt64();

    /// <summary>Widens a 64-bit amount (the named alternate of the implicit conversion).</summary>
    public static UInt256 FromUInt64(ulong value) => value;

    /// <summary>Widens a 32-bit amount (the named alternate of the implicit conversion).</summary>
    public static UInt256 FromUInt32(uint value) => value;

    /// <summary>Narrows to 64 bits; throws <see cref="OverflowException"/> when the value does not fit.</summary>
    public ulong ToUInt64() => (_u1 | _u2 | _u3) == 0
        ? _u0
        : throw new OverflowException("UInt256 value does not fit in 64 bits.");

    /// <summary>10^<paramref name="exponent"/>, for exponents 0 to 77 (10^78 exceeds 2^256).</summary>
    public static UInt256 Pow10(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exponent, PowersOf10.Length - 1);
        return PowersOf10[exponent];
    }

    private static readonly UInt256[] PowersOf10 = CreatePowersOf10();

    private static UInt256[] CreatePowersOf10()
    {
        var powers = new UInt256[MaxDigits];
        powers[0] = One;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10u;
        }

        return powers;
    }

    /// <summary>The smaller of two values.</summary>
    public static UInt256 Min(UInt256 x, UInt256 y) => x <= y ? x : y;

    /// <summary>The larger of two values.</summary>
    public static UInt256 Max(UInt256 x, UInt256 y) => x >= y ? x : y;

    /// <inheritdoc/>
    public bool Equals(UInt256 other) =>
        _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2 && _u3 == other._u3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);

    /// <inheritdoc/>
    public int CompareTo(UInt256 other)
    {
        if (_u3 != other._u3)
        {
            return _u3 < other._u3 ? -1 : 1;
        }

        if (_u2 != other._u2)
        {
            return _u2 < other._u2 ? -1 : 1;
        }

        if (_u1 != other._u1)
        {
            return _u1 < other._u1 ? -1 : 1;
        }

        return _u0.CompareTo(other._u0);
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        UInt256 other => CompareTo(other),
        _ => throw new ArgumentException("Object must be of type UInt256.", nameof(obj)),
    };

    /// <inheritdoc/>
    public static bool operator ==(UInt256 left, UInt256 right) => left.Equals(right);

    /// <inheritdoc/>
    public static bool operator !=(UInt256 left, UInt256 right) => !left.Equals(right);

    /// <inheritdoc/>
    public static bool operator <(UInt256 left, UInt256 right) => left.CompareTo(right) < 0;

    /// <inheritdoc/>
    public static bool operator >(UInt256 left, UInt256 right) => left.CompareTo(right) > 0;

    /// <inheritdoc/>
    public static bool operator <=(UInt256 left, UInt256 right) => left.CompareTo(right) <= 0;

    /// <inheritdoc/>
    public static bool operator >=(UInt256 left, UInt256 right) => left.CompareTo(right) >= 0;
}
