using System.Numerics;
using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Domain.Tests.Money;
using FsCheck;
using FsCheck.Fluent;

namespace Actors.Domain.Tests.Rewards;

/// <summary>
/// Random sequences of fund, stake, unstake, claim and weight changes at random times, against a brute-force model that
/// splits every second's emission exactly (rational arithmetic) among the shares of that second.
/// </summary>
public sealed class RewardPoolPropertyTests
{
    private const int Stakers = 4;
    private static readonly BigInteger Scale = BigInteger.Pow(10, 36);

    [Fact]
    public void Every_staker_gets_the_exact_second_by_second_split_within_the_documented_rounding_and_nothing_is_created_or_lost()
    {
        var seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(seeds, (Action<int>)RunScenario));
    }

    private static void RunScenario(int seed)
    {
        var random = new Random(seed);
        var rate = (UInt256)(ulong)random.NextInt64(0, 1_000_000_000_000) * (random.Next(2) == 0 ? 1UL : 1_000_000UL);
        var start = random.Next(0, 20);
        var end = start + random.Next(1, 120);
        var pool = RewardPoolMath.Create(rate, start, end);
        var positions = Enumerable.Range(0, Stakers).Select(_ => new StakePosition()).ToArray();
        var claimed = new BigInteger[Stakers];
        var maxShares = new BigInteger[Stakers];

        // The reference: each second, min(rate, what is left of the budget) split exactly by that second's shares.
        var exact = Enumerable.Range(0, Stakers).Select(_ => new Fraction(0, 1)).ToArray();
        var shares = new BigInteger[Stakers];
        BigInteger budget = 0, emitted = 0;
        long time = 0;
        long advances = 0;

        void RunReferenceUntil(long now)
        {
            for (; time < now; time++)
            {
                var total = shares.Aggregate(BigInteger.Zero, (a, b) => a + b);
                if (time < start || time >= end || total.IsZero)
                {
                    continue;
                }

                var reward = BigInteger.Min(Reference.ToBig(rate), budget - emitted);
                emitted += reward;
                for (var i = 0; i < Stakers; i++)
                {
                    exact[i] = exact[i].Add(new Fraction(reward * shares[i], total));
                }
            }
        }

        for (var step = 0; step < 40; step++)
        {
            var now = time + random.Next(0, 8);
            RunReferenceUntil(now);
            var who = random.Next(Stakers);
            advances++;
            switch (random.Next(5))
            {
                case 0:
                    var funding = (UInt256)(ulong)random.NextInt64(0, 50_000_000_000_000);
                    RewardPoolMath.Fund(pool, funding, now);
                    budget += Reference.ToBig(funding);
                    break;
                case 1 or 2:
                    // Stake, unstake or a weight change: all set the position's effective shares.
                    var newShares = random.Next(4) == 0 ? 0UL : (ulong)random.NextInt64(1, 1_000_000_000) * (ulong)random.Next(1, 1_000_000);
                    RewardPoolMath.ChangeShares(pool, positions[who], newShares, now);
                    shares[who] = newShares;
                    maxShares[who] = BigInteger.Max(maxShares[who], newShares);
                    break;
                default:
                    claimed[who] += Reference.ToBig(RewardPoolMath.Claim(pool, positions[who], now));
                    break;
            }
        }

        var final = time + random.Next(0, 30);
        RunReferenceUntil(final);
        RewardPoolMath.Advance(pool, final);
        advances++;

        // Per staker: claimed plus pending (scaled) is at most the exact share, and short of it by at most one share-unit of
        // index rounding per pool update.
        var pendingTotal = BigInteger.Zero;
        for (var i = 0; i < Stakers; i++)
        {
            var pending = Reference.ToBig(RewardPoolMath.PendingScaled(positions[i], pool.Index));
            pendingTotal += pending;
            var got = (claimed[i] * Scale) + pending;
            var want = exact[i];
            Assert.True(got * want.Denominator <= want.Numerator * Scale, $"seed {seed}: staker {i} got more than its exact share");
            Assert.True((want.Numerator * Scale) - (got * want.Denominator) <= advances * maxShares[i] * want.Denominator,
                $"seed {seed}: staker {i} got less than its exact share beyond the documented rounding");
        }

        // Conservation, exactly: emitted = claimed + pending + dust (in scaled units), and emitted never exceeds the budget.
        Assert.Equal(emitted, Reference.ToBig(pool.Emitted));
        Assert.Equal(Reference.ToBig(pool.Emitted) * Scale, (Reference.ToBig(pool.Claimed) * Scale) + pendingTotal + Reference.ToBig(pool.DustScaled));
        Assert.Equal(claimed.Aggregate(BigInteger.Zero, (a, b) => a + b), Reference.ToBig(pool.Claimed));
        Assert.True(pool.Emitted <= pool.Budget);
    }

    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator)
    {
        public Fraction Add(Fraction other)
        {
            var numerator = (Numerator * other.Denominator) + (other.Numerator * Denominator);
            var denominator = Denominator * other.Denominator;
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            return gcd.IsZero ? new Fraction(0, 1) : new Fraction(numerator / gcd, denominator / gcd);
        }
    }
}
