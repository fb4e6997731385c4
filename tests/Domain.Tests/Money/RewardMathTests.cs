using System.Numerics;
using Actors.Domain.Money;
using static Actors.Domain.Tests.Money.Reference;

namespace Actors.Domain.Tests.Money;

public sealed class RewardMathTests
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);

    [Fact]
    public void The_index_scale_is_10_pow_36() =>
        Assert.Equal(BigInteger.Pow(10, 36), ToBig(RewardMath.Scale));

    [Fact]
    public void Synthetix_example_A_earns_150_and_B_earns_50_after_20_seconds()
    {
        // 10 tokens per second; A stakes 100 at t=0, B stakes 100 at t=10; both are looked at t=20.
        var rate = 10u * E18;
        var stakeA = 100u * E18;
        var stakeB = 100u * E18;

        // t=0..10: only A is staked.
        var index = UInt256.Zero + RewardMath.IndexDelta(rate * 10u, stakeA);
        var indexPaidB = index;                               // B joins at t=10, settled at the index of that moment.

        // t=10..20: A and B share the emission.
        index += RewardMath.IndexDelta(rate * 10u, stakeA + stakeB);

        Assert.Equal(FromBig(BigInteger.Parse("1500000000000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture)), index);
        Assert.Equal(150u * E18, RewardMath.Accrued(stakeA, index, UInt256.Zero));
        Assert.Equal(50u * E18, RewardMath.Accrued(stakeB, index, indexPaidB));
    }

    [Fact]
    public void Accruals_round_down_and_the_remainder_stays_with_the_pool_as_dust()
    {
        // 10 base units over three accounts of one share: each gets 3, one unit is dust.
        var delta = RewardMath.IndexDelta(10u, 3u);

        Assert.Equal(FromBig(BigInteger.Parse("3333333333333333333333333333333333333", System.Globalization.CultureInfo.InvariantCulture)), delta);
        Assert.Equal((UInt256)3u, RewardMath.Accrued(1u, delta, UInt256.Zero));
        Assert.Equal((UInt256)9u, RewardMath.Distributable(delta, 3u));
    }

    [Fact]
    public void Accruals_never_sum_to_more_than_the_reward() =>
        Check(Triples, t =>
        {
            // Three accounts holding a, b and c shares, a reward of a + b (so every size of reward and share is met).
            var shares = ToBig(t.A) + ToBig(t.B) + ToBig(t.C);
            if (shares.IsZero || shares > Max)
            {
                return;
            }

            var reward = UInt256.Min(t.A, t.B);
            UInt256 delta;
            try
            {
                delta = RewardMath.IndexDelta(reward, FromBig(shares));
            }
            catch (OverflowException)
            {
                // The index cannot hold so much reward per share; the reference agrees it exceeds 2^256-1.
                Assert.True(ToBig(reward) * BigInteger.Pow(10, 36) / shares > Max);
                return;
            }

            var accrued = new[] { t.A, t.B, t.C }.Select(s => ToBig(RewardMath.Accrued(s, delta, UInt256.Zero))).Aggregate(BigInteger.Add);
            var distributable = ToBig(RewardMath.Distributable(delta, FromBig(shares)));
            Assert.Equal(ToBig(reward) * BigInteger.Pow(10, 36) / shares, ToBig(delta));
            Assert.True(accrued <= distributable);
            Assert.True(distributable <= ToBig(reward));
        });

    [Fact]
    public void Bad_inputs_are_refused_rather_than_wrapped()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardMath.IndexDelta(1u, UInt256.Zero));
        Assert.Throws<ArgumentException>(() => RewardMath.Accrued(1u, 1u, 2u));
        var overflow = Assert.Throws<OverflowException>(() => RewardMath.IndexDelta(UInt256.MaxValue, 1u));
        Assert.Contains("exceeds 2^256-1", overflow.Message, StringComparison.Ordinal);
    }
}
