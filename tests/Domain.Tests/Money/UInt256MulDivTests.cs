using System.Numerics;
using Actors.Domain.Money;
using static Actors.Domain.Tests.Money.Reference;

namespace Actors.Domain.Tests.Money;

public sealed class UInt256MulDivTests
{
    [Fact]
    public void MulDivDown_and_MulDivUp_match_BigInteger_floor_and_ceiling_and_throw_exactly_when_the_result_overflows() =>
        Check(Triples, t => AssertMatchesReference(t.A, t.B, t.C));

    [Fact]
    public void MulDiv_matches_BigInteger_when_the_denominator_is_at_least_one_factor_so_the_result_fits() =>
        Check(Triples, t =>
        {
            // a * b / d <= a when d >= b: results fit while a * b itself usually exceeds 2^256.
            var denominator = UInt256.Max(t.B, t.C);
            if (!denominator.IsZero)
            {
                AssertMatchesReference(t.A, t.B, denominator);
            }
        });

    [Fact]
    public void A_product_beyond_256_bits_divides_back_to_a_result_that_fits()
    {
        var max = UInt256.MaxValue;

        Assert.Equal(max, UInt256.MulDivDown(max, max, max));
        Assert.Equal(max, UInt256.MulDivUp(max, max, max));
        Assert.Equal(max - UInt256.One, UInt256.MulDivDown(max - UInt256.One, max, max));
        Assert.Equal(max - UInt256.One, UInt256.MulDivUp(max, max - UInt256.One, max));
        var twoPow200 = FromBig(BigInteger.One << 200);
        Assert.Equal(FromBig(BigInteger.One << 145), UInt256.MulDivDown(twoPow200, twoPow200, FromBig(BigInteger.One << 255)));
    }

    [Fact]
    public void MulDivUp_rounds_up_only_past_an_exact_division()
    {
        Assert.Equal((UInt256)6u, UInt256.MulDivUp(10u, 3u, 5u));     // 30 / 5 = 6 exactly
        Assert.Equal((UInt256)6u, UInt256.MulDivDown(10u, 3u, 5u));
        Assert.Equal((UInt256)8u, UInt256.MulDivUp(10u, 3u, 4u));     // 30 / 4 = 7.5
        Assert.Equal((UInt256)7u, UInt256.MulDivDown(10u, 3u, 4u));
        Assert.Equal((UInt256)1u, UInt256.MulDivUp(7u, 1u, 7u));      // exactly 1
        Assert.Equal((UInt256)2u, UInt256.MulDivUp(8u, 1u, 7u));      // just past 1
        Assert.Equal((UInt256)1u, UInt256.MulDivDown(13u, 1u, 7u));   // just short of 2
        Assert.Equal((UInt256)2u, UInt256.MulDivUp(13u, 1u, 7u));
        Assert.Equal(UInt256.Zero, UInt256.MulDivUp(0u, 5u, 7u));
        Assert.Equal(UInt256.One, UInt256.MulDivUp(1u, 1u, UInt256.MaxValue));
        Assert.Equal(UInt256.Zero, UInt256.MulDivDown(1u, 1u, UInt256.MaxValue));
    }

    [Fact]
    public void MulDivUp_throws_when_only_the_rounding_up_passes_2_pow_256_minus_1()
    {
        // (2^256-2) * (2^255+2) = (2^256-1) * (2^255+1) + (2^255-3): the floor is exactly 2^256-1, the ceiling one more.
        var a = UInt256.MaxValue - UInt256.One;
        var b = FromBig((BigInteger.One << 255) + 2);
        var d = FromBig((BigInteger.One << 255) + 1);

        Assert.Equal(UInt256.MaxValue, UInt256.MulDivDown(a, b, d));
        var error = Assert.Throws<OverflowException>(() => UInt256.MulDivUp(a, b, d));
        Assert.Contains("exceeds 2^256-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MulDiv_throws_when_the_result_exceeds_256_bits_or_the_denominator_is_zero()
    {
        var max = UInt256.MaxValue;

        var error = Assert.Throws<OverflowException>(() => UInt256.MulDivDown(max, max, max - UInt256.One));
        Assert.Contains("UInt256 mulDiv result exceeds 2^256-1", error.Message, StringComparison.Ordinal);
        Assert.Throws<OverflowException>(() => UInt256.MulDivUp(max, 2u, 1u));
        Assert.Throws<DivideByZeroException>(() => UInt256.MulDivDown(1u, 1u, UInt256.Zero));
        Assert.Throws<DivideByZeroException>(() => UInt256.MulDivUp(0u, 0u, UInt256.Zero));
    }

    private static void AssertMatchesReference(UInt256 a, UInt256 b, UInt256 denominator)
    {
        if (denominator.IsZero)
        {
            Assert.Throws<DivideByZeroException>(() => UInt256.MulDivDown(a, b, denominator));
            Assert.Throws<DivideByZeroException>(() => UInt256.MulDivUp(a, b, denominator));
            return;
        }

        var product = ToBig(a) * ToBig(b);
        var d = ToBig(denominator);
        var floor = BigInteger.DivRem(product, d, out var remainder);
        var ceiling = remainder.IsZero ? floor : floor + 1;
        if (floor > Max)
        {
            Assert.Throws<OverflowException>(() => UInt256.MulDivDown(a, b, denominator));
        }
        else
        {
            Assert.Equal(floor, ToBig(UInt256.MulDivDown(a, b, denominator)));
        }

        if (ceiling > Max)
        {
            Assert.Throws<OverflowException>(() => UInt256.MulDivUp(a, b, denominator));
        }
        else
        {
            Assert.Equal(ceiling, ToBig(UInt256.MulDivUp(a, b, denominator)));
        }
    }
}
