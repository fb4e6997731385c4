using System.Numerics;
using Actors.Domain.Money;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Domain.Tests.Money;

/// <summary>
/// The reference model (System.Numerics.BigInteger) and generators for property tests: UInt256 values from four random limbs,
/// from random bit widths, and from the edges where carries, borrows and limb boundaries hide.
/// </summary>
internal static class Reference
{
    public static readonly BigInteger Max = (BigInteger.One << 256) - 1;

    private static readonly BigInteger LimbMask = ulong.MaxValue;

    public static BigInteger ToBig(UInt256 value) =>
        (new BigInteger(value.U3) << 192) | (new BigInteger(value.U2) << 128) | (new BigInteger(value.U1) << 64) | value.U0;

    public static UInt256 FromBig(BigInteger value)
    {
        if (value.Sign < 0 || value > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Outside the UInt256 range.");
        }

        return new UInt256(
            (ulong)((value >> 192) & LimbMask),
            (ulong)((value >> 128) & LimbMask),
            (ulong)((value >> 64) & LimbMask),
            (ulong)(value & LimbMask));
    }

    public static readonly UInt256[] Edges =
    [
        .. new[]
        {
            BigInteger.Zero, BigInteger.One, 2, 3, 10, ulong.MaxValue, (BigInteger)ulong.MaxValue + 1, (BigInteger)ulong.MaxValue + 2,
            (BigInteger.One << 128) - 1, BigInteger.One << 128, (BigInteger.One << 128) + 1, (BigInteger.One << 192) - 1,
            BigInteger.One << 192, BigInteger.One << 255, (BigInteger.One << 255) - 1, (BigInteger.One << 255) + 1,
            BigInteger.Pow(10, 18), BigInteger.Pow(10, 36), Max, Max - 1, Max / 2, Max / 3,
        }.Select(FromBig),
    ];

    private static readonly Gen<ulong> Word = Gen.Choose(0, 0xFFFF).Select(w => (ulong)w);

    private static readonly Gen<ulong> Limb = Gen.Frequency(
        (4, from a in Word from b in Word from c in Word from d in Word select (a << 48) | (b << 32) | (c << 16) | d),
        (1, Gen.Elements(0UL, 1UL, ulong.MaxValue, ulong.MaxValue - 1, 1UL << 63)));

    private static readonly Gen<UInt256> FourLimbs =
        from u3 in Limb from u2 in Limb from u1 in Limb from u0 in Limb select new UInt256(u3, u2, u1, u0);

    // 32-bit digits that drive long division into its rare corrections (qhat too large by one or two, the add-back step).
    private static readonly Gen<ulong> Digit = Gen.Elements(0UL, 1UL, 3UL, 0xFFFEUL, 0xFFFFUL, 0x8000UL, 0x7FFFFFFFUL, 0x80000000UL, 0xFFFFFFFEUL, 0xFFFFFFFFUL);

    private static readonly Gen<ulong> PatternLimb = from high in Digit from low in Digit select (high << 32) | low;

    private static readonly Gen<UInt256> PatternLimbs =
        from u3 in PatternLimb from u2 in PatternLimb from u1 in PatternLimb from u0 in PatternLimb select new UInt256(u3, u2, u1, u0);

    /// <summary>
    /// UInt256 values biased to edges and to digit patterns that stress long division, with every bit width from 0 to 256 about
    /// equally likely among the random ones.
    /// </summary>
    public static readonly Gen<UInt256> Values = Gen.Frequency(
        (2, Gen.Elements(Edges)),
        (2, from value in PatternLimbs from shift in Gen.Choose(0, 8) select FromBig(ToBig(value) >> (32 * shift))),
        (3, FourLimbs),
        (3, from value in FourLimbs from shift in Gen.Choose(0, 256) select FromBig(ToBig(value) >> shift)));

    public static Arbitrary<(UInt256 A, UInt256 B)> Pairs { get; } =
        Gen.Zip(Values, Values, (a, b) => (a, b)).ToArbitrary();

    public static Arbitrary<(UInt256 A, UInt256 B, UInt256 C)> Triples { get; } =
        Gen.Zip(Values, Gen.Zip(Values, Values, (b, c) => (b, c)), (a, bc) => (a, bc.b, bc.c)).ToArbitrary();

    public static Arbitrary<UInt256> Singles { get; } = Values.ToArbitrary();

    /// <summary>Runs a property over many cases; throws (failing the test) with the counterexample on the first failure.</summary>
    public static void Check<T>(Arbitrary<T> arbitrary, Action<T> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(arbitrary, property));
}
