using System.Numerics;
using System.Runtime.CompilerServices;
using Actors.Domain.Money;
using static Actors.Domain.Tests.Money.Reference;

namespace Actors.Domain.Tests.Money;

public sealed class UInt256ArithmeticTests
{
    [Fact]
    public void Addition_matches_BigInteger_and_throws_exactly_when_the_sum_exceeds_2_pow_256_minus_1() =>
        Check(Pairs, p =>
        {
            var expected = ToBig(p.A) + ToBig(p.B);
            if (expected > Max)
            {
                var error = Assert.Throws<OverflowException>(() => p.A + p.B);
                Assert.Contains("UInt256 addition overflowed", error.Message, StringComparison.Ordinal);
                Assert.False(UInt256.TryAdd(p.A, p.B, out _));
            }
            else
            {
                Assert.Equal(expected, ToBig(p.A + p.B));
                Assert.True(UInt256.TryAdd(p.A, p.B, out var sum));
                Assert.Equal(expected, ToBig(sum));
            }
        });

    [Fact]
    public void Subtraction_matches_BigInteger_and_throws_exactly_when_the_result_would_go_below_zero() =>
        Check(Pairs, p =>
        {
            var expected = ToBig(p.A) - ToBig(p.B);
            if (expected.Sign < 0)
            {
                var error = Assert.Throws<OverflowException>(() => p.A - p.B);
                Assert.Contains("UInt256 subtraction would go below zero", error.Message, StringComparison.Ordinal);
                Assert.False(UInt256.TrySubtract(p.A, p.B, out _));
            }
            else
            {
                Assert.Equal(expected, ToBig(p.A - p.B));
                Assert.True(UInt256.TrySubtract(p.A, p.B, out var difference));
                Assert.Equal(expected, ToBig(difference));
            }
        });

    [Fact]
    public void Multiplication_matches_BigInteger_and_throws_exactly_when_the_product_exceeds_2_pow_256_minus_1() =>
        Check(Pairs, p =>
        {
            var expected = ToBig(p.A) * ToBig(p.B);
            if (expected > Max)
            {
                var error = Assert.Throws<OverflowException>(() => p.A * p.B);
                Assert.Contains("UInt256 multiplication overflowed", error.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(expected, ToBig(p.A * p.B));
            }
        });

    [Fact]
    public void Division_and_remainder_match_BigInteger_and_a_zero_divisor_throws() =>
        Check(Pairs, p =>
        {
            if (p.B.IsZero)
            {
                Assert.Throws<DivideByZeroException>(() => p.A / p.B);
                Assert.Throws<DivideByZeroException>(() => p.A % p.B);
                return;
            }

            var quotient = BigInteger.DivRem(ToBig(p.A), ToBig(p.B), out var remainder);
            Assert.Equal(quotient, ToBig(p.A / p.B));
            Assert.Equal(remainder, ToBig(p.A % p.B));
            Assert.Equal(quotient, ToBig(UInt256.DivRem(p.A, p.B, out var rest)));
            Assert.Equal(remainder, ToBig(rest));
        });

    [Theory]
    [InlineData("ffff80000000000000037ffffffffffffffe7fffffff0000fffeffffffff", "80000000fffffffffffe0000ffff0000000300000000")]
    [InlineData("7fffffff800000000000000000000000", "800000000000000000000001")]
    [InlineData("80000000000000000000000000000003", "200000000000000000000001")]
    public void Division_whose_trial_quotient_digit_needs_correcting_matches_BigInteger(string dividendHex, string divisorHex)
    {
        // Long division guesses each quotient digit from the top digits; these operands make the guess too large.
        var dividend = BigInteger.Parse("0" + dividendHex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        var divisor = BigInteger.Parse("0" + divisorHex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        var quotient = UInt256.DivRem(FromBig(dividend), FromBig(divisor), out var remainder);

        Assert.Equal(BigInteger.Divide(dividend, divisor), ToBig(quotient));
        Assert.Equal(BigInteger.Remainder(dividend, divisor), ToBig(remainder));
    }

    [Fact]
    public void Comparisons_and_equality_match_BigInteger() =>
        Check(Pairs, p =>
        {
            var expected = ToBig(p.A).CompareTo(ToBig(p.B));
            Assert.Equal(expected, Math.Sign(p.A.CompareTo(p.B)));
            Assert.Equal(expected < 0, p.A < p.B);
            Assert.Equal(expected <= 0, p.A <= p.B);
            Assert.Equal(expected > 0, p.A > p.B);
            Assert.Equal(expected >= 0, p.A >= p.B);
            Assert.Equal(expected == 0, p.A == p.B);
            Assert.Equal(expected != 0, p.A != p.B);
            Assert.Equal(expected == 0, p.A.Equals((object)p.B));
            Assert.Equal(ToBig(expected <= 0 ? p.A : p.B), ToBig(UInt256.Min(p.A, p.B)));
            Assert.Equal(ToBig(expected >= 0 ? p.A : p.B), ToBig(UInt256.Max(p.A, p.B)));
            if (expected == 0)
            {
                Assert.Equal(p.A.GetHashCode(), p.B.GetHashCode());
            }
        });

    [Fact]
    public void Limb_carries_and_borrows_cross_every_limb()
    {
        var twoPow64 = FromBig(BigInteger.One << 64);
        var twoPow192 = FromBig(BigInteger.One << 192);

        Assert.Equal(twoPow64, (UInt256)ulong.MaxValue + UInt256.One);
        Assert.Equal(twoPow192 - UInt256.One, new UInt256(0, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue));
        Assert.Equal(UInt256.MaxValue, UInt256.MaxValue - UInt256.Zero);
        Assert.Equal(UInt256.Zero, UInt256.MaxValue - UInt256.MaxValue);
        Assert.Throws<OverflowException>(() => UInt256.MaxValue + UInt256.One);
        Assert.Throws<OverflowException>(() => UInt256.Zero - UInt256.One);
        Assert.Throws<OverflowException>(() => twoPow192 * twoPow64);
    }

    [Fact]
    public void Conversions_to_and_from_64_bits_are_checked()
    {
        UInt256 fromUlong = ulong.MaxValue;
        UInt256 fromUint = 7u;

        Assert.Equal(ulong.MaxValue, (ulong)fromUlong);
        Assert.Equal(7UL, fromUint.ToUInt64());
        var error = Assert.Throws<OverflowException>(() => (ulong)(fromUlong + UInt256.One));
        Assert.Contains("64 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pow10_gives_every_power_up_to_10_pow_77_and_refuses_beyond()
    {
        for (var exponent = 0; exponent <= 77; exponent++)
        {
            Assert.Equal(BigInteger.Pow(10, exponent), ToBig(UInt256.Pow10(exponent)));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => UInt256.Pow10(78));
        Assert.Throws<ArgumentOutOfRangeException>(() => UInt256.Pow10(-1));
    }

    [Fact]
    public void Constants_are_what_their_names_say()
    {
        Assert.Equal(BigInteger.Zero, ToBig(UInt256.Zero));
        Assert.Equal(BigInteger.One, ToBig(UInt256.One));
        Assert.Equal(Max, ToBig(UInt256.MaxValue));
        Assert.True(UInt256.Zero.IsZero);
        Assert.False(UInt256.One.IsZero);
    }

    [Fact]
    public void Generic_math_code_runs_on_UInt256_with_the_same_checks()
    {
        UInt256[] amounts = [UInt256.Pow10(18), 5u, UInt256.MaxValue - UInt256.Pow10(18) - 5u];

        Assert.Equal(UInt256.MaxValue, Sum(amounts));
        Assert.Throws<OverflowException>(() => Sum([.. amounts, UInt256.One]));
    }

    [Fact]
    public void A_value_takes_32_bytes_so_a_million_wallets_fit_the_memory_budget() =>
        Assert.Equal(32, Unsafe.SizeOf<UInt256>());

    private static T Sum<T>(IEnumerable<T> values)
        where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T> =>
        values.Aggregate(T.AdditiveIdentity, (total, value) => total + value);
}
