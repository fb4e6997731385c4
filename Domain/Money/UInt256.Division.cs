using System.Numerics;

namespace Actors.Domain.Money;

public readonly partial struct UInt256
{
    /// <summary>Divides, rounding down; throws <see cref="DivideByZeroException"/> for a zero divisor.</summary>
    public static UInt256 operator /(UInt256 left, UInt256 right) => DivRem(left, right, out _);

    /// <summary>The remainder of the division; throws <see cref="DivideByZeroException"/> for a zero divisor.</summary>
    public static UInt256 operator %(UInt256 left, UInt256 right)
    {
        DivRem(left, right, out var remainder);
        return remainder;
    }

    /// <summary>Divides, rounding down (the named alternate of <c>/</c>).</summary>
    public static UInt256 Divide(UInt256 left, UInt256 right) => left / right;

    /// <summary>The remainder of the division (the named alternate of <c>%</c>).</summary>
    public static UInt256 Mod(UInt256 left, UInt256 right) => left % right;

    /// <summary>The quotient (rounded down) and the remainder; throws <see cref="DivideByZeroException"/> for a zero divisor.</summary>
    public static UInt256 DivRem(UInt256 left, UInt256 right, out UInt256 remainder)
    {
        if (right.IsZero)
        {
            throw new DivideByZeroException("UInt256 division by zero.");
        }

        if (left < right)
        {
            remainder = left;
            return Zero;
        }

        if ((left._u1 | left._u2 | left._u3) == 0)
        {
            // Both fit in 64 bits (right <= left).
            remainder = left._u0 % right._u0;
            return left._u0 / right._u0;
        }

        Span<uint> dividend = stackalloc uint[8];
        Span<uint> divisor = stackalloc uint[8];
        Span<uint> quotient = stackalloc uint[8];
        Span<uint> rest = stackalloc uint[8];
        ToDigits([left._u0, left._u1, left._u2, left._u3], dividend);
        ToDigits([right._u0, right._u1, right._u2, right._u3], divisor);
        DivideDigits(Trim(dividend), Trim(divisor), quotient, rest);
        remainder = FromDigits(rest);
        return FromDigits(quotient);
    }

    /// <summary>
    /// floor(<paramref name="a"/> * <paramref name="b"/> / <paramref name="denominator"/>), computed with the full 512-bit product,
    /// so <c>a * b</c> may exceed 2^256-1 as long as the result fits (the FullMath / OpenZeppelin <c>mulDiv</c> contract).
    /// </summary>
    /// <exception cref="DivideByZeroException">The denominator is 0.</exception>
    /// <exception cref="OverflowException">The result exceeds 2^256-1.</exception>
    public static UInt256 MulDivDown(UInt256 a, UInt256 b, UInt256 denominator) => MulDiv(a, b, denominator, out _);

    /// <summary>
    /// ceiling(<paramref name="a"/> * <paramref name="b"/> / <paramref name="denominator"/>), computed with the full 512-bit product.
    /// </summary>
    /// <exception cref="DivideByZeroException">The denominator is 0.</exception>
    /// <exception cref="OverflowException">The result exceeds 2^256-1.</exception>
    public static UInt256 MulDivUp(UInt256 a, UInt256 b, UInt256 denominator)
    {
        var quotient = MulDiv(a, b, denominator, out var inexact);
        if (!inexact)
        {
            return quotient;
        }

        return quotient != MaxValue
            ? quotient + One
            : throw new OverflowException("UInt256 mulDivUp result exceeds 2^256-1.");
    }

    private static UInt256 MulDiv(UInt256 a, UInt256 b, UInt256 denominator, out bool inexact)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("UInt256 mulDiv by a zero denominator.");
        }

        Span<ulong> product = stackalloc ulong[8];
        Multiply512(a, b, product);
        Span<uint> dividend = stackalloc uint[16];
        Span<uint> divisor = stackalloc uint[8];
        Span<uint> quotient = stackalloc uint[16];
        Span<uint> rest = stackalloc uint[8];
        ToDigits(product, dividend);
        ToDigits([denominator._u0, denominator._u1, denominator._u2, denominator._u3], divisor);
        var u = Trim(dividend);
        var v = Trim(divisor);
        if (u.Length < v.Length)
        {
            inexact = !u.IsEmpty;
            return Zero;
        }

        DivideDigits(u, v, quotient, rest);
        if (quotient[8..].ContainsAnyExcept(0u))
        {
            throw new OverflowException("UInt256 mulDiv result exceeds 2^256-1.");
        }

        inexact = rest.ContainsAnyExcept(0u);
        return FromDigits(quotient[..8]);
    }

    /// <summary>Divides by a 64-bit divisor (non-zero), limb by limb.</summary>
    internal static UInt256 DivRem(UInt256 left, ulong divisor, out ulong remainder)
    {
        UInt128 rest = 0;
        Span<ulong> limbs = [left._u3, left._u2, left._u1, left._u0];
        for (var i = 0; i < limbs.Length; i++)
        {
            var current = (rest << 64) | limbs[i];
            var q = current / divisor;
            rest = current - (q * divisor);
            limbs[i] = (ulong)q;
        }

        remainder = (ulong)rest;
        return new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    private static void ToDigits(ReadOnlySpan<ulong> limbs, Span<uint> digits)
    {
        for (var i = 0; i < limbs.Length; i++)
        {
            digits[2 * i] = (uint)limbs[i];
            digits[(2 * i) + 1] = (uint)(limbs[i] >> 32);
        }
    }

    private static UInt256 FromDigits(ReadOnlySpan<uint> digits) => new(
        digits[6] | ((ulong)digits[7] << 32),
        digits[4] | ((ulong)digits[5] << 32),
        digits[2] | ((ulong)digits[3] << 32),
        digits[0] | ((ulong)digits[1] << 32));

    private static ReadOnlySpan<uint> Trim(ReadOnlySpan<uint> digits)
    {
        var length = digits.Length;
        while (length > 0 && digits[length - 1] == 0)
        {
            length--;
        }

        return digits[..length];
    }

    /// <summary>
    /// Long division of base-2^32 digits (Knuth, TAOCP vol. 2, 4.3.1, algorithm D, as in Hacker's Delight <c>divmnu</c>).
    /// <paramref name="u"/> has m digits and <paramref name="v"/> n digits, 1 &lt;= n &lt;= m, v[n-1] != 0; the quotient gets
    /// m-n+1 digits and the remainder n digits; both spans must be zeroed and long enough.
    /// </summary>
    private static void DivideDigits(ReadOnlySpan<uint> u, ReadOnlySpan<uint> v, Span<uint> quotient, Span<uint> remainder)
    {
        const ulong Base = 1UL << 32;
        int m = u.Length, n = v.Length;
        if (n == 1)
        {
            ulong carry = 0;
            for (var j = m - 1; j >= 0; j--)
            {
                var current = (carry << 32) | u[j];
                quotient[j] = (uint)(current / v[0]);
                carry = current % v[0];
            }

            remainder[0] = (uint)carry;
            return;
        }

        // Normalize: shift so the divisor's top digit has its high bit set (s may be 0; ulong shifts by 32 give 0 bits).
        var s = BitOperations.LeadingZeroCount(v[n - 1]);
        Span<uint> vn = stackalloc uint[n];
        for (var i = n - 1; i > 0; i--)
        {
            vn[i] = (uint)((v[i] << s) | ((ulong)v[i - 1] >> (32 - s)));
        }

        vn[0] = v[0] << s;
        Span<uint> un = stackalloc uint[m + 1];
        un[m] = (uint)((ulong)u[m - 1] >> (32 - s));
        for (var i = m - 1; i > 0; i--)
        {
            un[i] = (uint)((u[i] << s) | ((ulong)u[i - 1] >> (32 - s)));
        }

        un[0] = u[0] << s;

        for (var j = m - n; j >= 0; j--)
        {
            var top = ((ulong)un[j + n] << 32) | un[j + n - 1];
            var qhat = top / vn[n - 1];
            var rhat = top - (qhat * vn[n - 1]);
            while (qhat >= Base || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2]))
            {
                qhat--;
                rhat += vn[n - 1];
                if (rhat >= Base)
                {
                    break;
                }
            }

            // Multiply and subtract qhat * vn from un[j..j+n].
            long borrow = 0;
            long t;
            for (var i = 0; i < n; i++)
            {
                var p = qhat * vn[i];
                t = un[i + j] - borrow - (long)(p & 0xFFFFFFFF);
                un[i + j] = (uint)t;
                borrow = (long)(p >> 32) - (t >> 32);
            }

            t = un[j + n] - borrow;
            un[j + n] = (uint)t;
            quotient[j] = (uint)qhat;
            if (t < 0)
            {
                // qhat was one too large: add the divisor back.
                quotient[j]--;
                ulong carry = 0;
                for (var i = 0; i < n; i++)
                {
                    var sum = (ulong)un[i + j] + vn[i] + carry;
                    un[i + j] = (uint)sum;
                    carry = sum >> 32;
                }

                un[j + n] = (uint)(un[j + n] + carry);
            }
        }

        for (var i = 0; i < n - 1; i++)
        {
            remainder[i] = (uint)((un[i] >> s) | ((ulong)un[i + 1] << (32 - s)));
        }

        remainder[n - 1] = un[n - 1] >> s;
    }
}
