namespace Actors.Domain.Money;

public readonly partial struct UInt256
{
    /// <summary>Adds; throws <see cref="OverflowException"/> when the sum exceeds 2^256-1.</summary>
    public static UInt256 operator +(UInt256 left, UInt256 right)
    {
        var u0 = left._u0 + right._u0;
        ulong carry = u0 < left._u0 ? 1UL : 0UL;
        var u1 = AddWithCarry(left._u1, right._u1, ref carry);
        var u2 = AddWithCarry(left._u2, right._u2, ref carry);
        var u3 = AddWithCarry(left._u3, right._u3, ref carry);
        return carry == 0 ? new UInt256(u3, u2, u1, u0) : throw new OverflowException("UInt256 addition overflowed (the sum exceeds 2^256-1).");
    }

    /// <summary>Subtracts; throws <see cref="OverflowException"/> when <paramref name="right"/> exceeds <paramref name="left"/>.</summary>
    public static UInt256 operator -(UInt256 left, UInt256 right)
    {
        var u0 = left._u0 - right._u0;
        ulong borrow = left._u0 < right._u0 ? 1UL : 0UL;
        var u1 = SubtractWithBorrow(left._u1, right._u1, ref borrow);
        var u2 = SubtractWithBorrow(left._u2, right._u2, ref borrow);
        var u3 = SubtractWithBorrow(left._u3, right._u3, ref borrow);
        return borrow == 0 ? new UInt256(u3, u2, u1, u0) : throw new OverflowException("UInt256 subtraction would go below zero.");
    }

    /// <summary>Multiplies; throws <see cref="OverflowException"/> when the product exceeds 2^256-1.</summary>
    public static UInt256 operator *(UInt256 left, UInt256 right)
    {
        Span<ulong> product = stackalloc ulong[8];
        Multiply512(left, right, product);
        if ((product[4] | product[5] | product[6] | product[7]) != 0)
        {
            throw new OverflowException("UInt256 multiplication overflowed (the product exceeds 2^256-1).");
        }

        return new UInt256(product[3], product[2], product[1], product[0]);
    }

    /// <summary>Adds (the named alternate of <c>+</c>); checked.</summary>
    public static UInt256 Add(UInt256 left, UInt256 right) => left + right;

    /// <summary>Subtracts (the named alternate of <c>-</c>); checked.</summary>
    public static UInt256 Subtract(UInt256 left, UInt256 right) => left - right;

    /// <summary>Multiplies (the named alternate of <c>*</c>); checked.</summary>
    public static UInt256 Multiply(UInt256 left, UInt256 right) => left * right;

    /// <summary>Adds, or returns false (and 0) when the sum would exceed 2^256-1.</summary>
    public static bool TryAdd(UInt256 left, UInt256 right, out UInt256 sum)
    {
        if (MaxValue - left < right)
        {
            sum = Zero;
            return false;
        }

        sum = left + right;
        return true;
    }

    /// <summary>Subtracts, or returns false (and 0) when <paramref name="right"/> exceeds <paramref name="left"/>.</summary>
    public static bool TrySubtract(UInt256 left, UInt256 right, out UInt256 difference)
    {
        if (left < right)
        {
            difference = Zero;
            return false;
        }

        difference = left - right;
        return true;
    }

    private static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        var sum = (UInt128)x + y + carry;
        carry = (ulong)(sum >> 64);
        return (ulong)sum;
    }

    private static ulong SubtractWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        var difference = x - y - borrow;
        borrow = x < y || (x == y && borrow != 0) ? 1UL : 0UL;
        return difference;
    }

    /// <summary>The full 512-bit product, little-endian limbs into <paramref name="product"/> (8 limbs).</summary>
    private static void Multiply512(UInt256 left, UInt256 right, Span<ulong> product)
    {
        Span<ulong> a = [left._u0, left._u1, left._u2, left._u3];
        Span<ulong> b = [right._u0, right._u1, right._u2, right._u3];
        product.Clear();
        for (var i = 0; i < 4; i++)
        {
            if (a[i] == 0)
            {
                continue;
            }

            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                // (2^64-1)^2 + 2 * (2^64-1) = 2^128-1: the sum never overflows 128 bits.
                var t = (UInt128)a[i] * b[j] + product[i + j] + carry;
                product[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }

            product[i + 4] = carry;
        }
    }
}
