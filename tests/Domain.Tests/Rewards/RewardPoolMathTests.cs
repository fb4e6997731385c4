using Actors.Domain.Money;
using Actors.Domain.Rewards;

namespace Actors.Domain.Tests.Rewards;

public sealed class RewardPoolMathTests
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);

    [Fact]
    public void Synthetix_worked_example_A_earns_150_and_B_50()
    {
        var pool = RewardPoolMath.Create(10 * E18, startTime: 0, endTime: 1_000);
        RewardPoolMath.Fund(pool, 10_000 * E18, now: 0);
        var a = new StakePosition();
        var b = new StakePosition();

        RewardPoolMath.ChangeShares(pool, a, 100 * E18, now: 0);
        RewardPoolMath.ChangeShares(pool, b, 100 * E18, now: 10);
        var paidA = RewardPoolMath.Claim(pool, a, now: 20);
        var paidB = RewardPoolMath.Claim(pool, b, now: 20);

        Assert.Equal(150 * E18, paidA);
        Assert.Equal(50 * E18, paidB);
        Assert.Equal(200 * E18, pool.Emitted);
        Assert.Equal(200 * E18, pool.Claimed);
        Assert.True(pool.DustScaled.IsZero);
    }

    [Fact]
    public void Time_without_stakers_emits_nothing_and_the_budget_stays_in_the_pool()
    {
        var pool = RewardPoolMath.Create(10 * E18, startTime: 100, endTime: 1_000);
        RewardPoolMath.Fund(pool, 1_000 * E18, now: 0);
        var a = new StakePosition();

        RewardPoolMath.ChangeShares(pool, a, 5 * E18, now: 150);
        var paid = RewardPoolMath.Claim(pool, a, now: 160);

        Assert.Equal(100 * E18, paid);
        Assert.Equal(100 * E18, pool.Emitted);
        Assert.Equal(900 * E18, pool.Remaining);
    }

    [Fact]
    public void Emission_stops_when_the_budget_is_spent_and_resumes_from_a_new_funding_only()
    {
        var pool = RewardPoolMath.Create(10 * E18, startTime: 0, endTime: 1_000);
        RewardPoolMath.Fund(pool, 25 * E18, now: 0);
        var a = new StakePosition();
        RewardPoolMath.ChangeShares(pool, a, E18, now: 0);

        var first = RewardPoolMath.Claim(pool, a, now: 10);
        RewardPoolMath.Fund(pool, 15 * E18, now: 12);
        var second = RewardPoolMath.Claim(pool, a, now: 13);
        var third = RewardPoolMath.Claim(pool, a, now: 20);

        Assert.Equal(25 * E18, first);
        Assert.Equal(10 * E18, second);
        Assert.Equal(5 * E18, third);
        Assert.Equal(pool.Budget, pool.Emitted);
    }

    [Fact]
    public void Nothing_is_emitted_before_the_start_or_after_the_end()
    {
        var pool = RewardPoolMath.Create(7, startTime: 100, endTime: 110);
        RewardPoolMath.Fund(pool, 1_000_000, now: 0);
        var a = new StakePosition();
        RewardPoolMath.ChangeShares(pool, a, 1, now: 50);

        var beforeStart = RewardPoolMath.Claim(pool, a, now: 99);
        var total = RewardPoolMath.Claim(pool, a, now: 10_000);

        Assert.True(beforeStart.IsZero);
        Assert.Equal((UInt256)70, total);
    }

    [Fact]
    public void A_reward_that_does_not_split_evenly_leaves_exact_dust_and_keeps_fractions_for_later_claims()
    {
        // 10 base units over 3 equal shares: the index grows by floor(10e36 / 3); each staker accrues 3.33.. units.
        var pool = RewardPoolMath.Create(10, startTime: 0, endTime: 100);
        RewardPoolMath.Fund(pool, 1_000, now: 0);
        var stakers = new[] { new StakePosition(), new StakePosition(), new StakePosition() };
        foreach (var staker in stakers)
        {
            RewardPoolMath.ChangeShares(pool, staker, 1, now: 0);
        }

        var firstClaims = stakers.Select(s => RewardPoolMath.Claim(pool, s, now: 1)).ToArray();
        var secondClaims = stakers.Select(s => RewardPoolMath.Claim(pool, s, now: 2)).ToArray();

        Assert.All(firstClaims, c => Assert.Equal((UInt256)3, c));
        Assert.All(secondClaims, c => Assert.Equal((UInt256)3, c)); // 6.66.. accrued in total, 3 already paid
        Assert.Equal((UInt256)2, pool.DustScaled); // (10e36 - 3 * 3333..3e36) per second, two seconds
        var third = stakers.Select(s => RewardPoolMath.Claim(pool, s, now: 3)).ToArray();
        Assert.All(third, c => Assert.Equal((UInt256)3, c)); // each accrued 10 - 1e-36 units in three seconds: 9 paid, the rest kept
        Assert.All(stakers, s => Assert.Equal(RewardMath.Scale - UInt256.One, s.AccruedScaled));
        Assert.Equal((UInt256)3, pool.DustScaled);
    }

    [Fact]
    public void Settling_at_an_older_index_and_a_pool_ending_before_it_starts_are_refused()
    {
        var position = new StakePosition { IndexPaid = 5 };

        Assert.Throws<ArgumentException>(() => RewardPoolMath.Settle(position, 4));
        Assert.Throws<ArgumentException>(() => RewardPoolMath.Create(1, startTime: 10, endTime: 10));
    }

    [Fact]
    public void An_advance_that_would_overflow_changes_nothing()
    {
        // A pool built past the bounds (Create refuses such a rate): the index growth of one second cannot be represented.
        var pool = new RewardPoolState { RatePerSecond = UInt256.MaxValue, StartTime = 0, EndTime = 1_000, Budget = UInt256.MaxValue, TotalShares = UInt256.One };

        Assert.Throws<OverflowException>(() => RewardPoolMath.Advance(pool, now: 10));

        Assert.Equal(0, pool.LastUpdate);
        Assert.True(pool.Emitted.IsZero);
        Assert.True(pool.Index.IsZero);
    }

    [Fact]
    public void Terms_and_fundings_beyond_the_bounds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardPoolMath.Create(RewardPoolMath.MaxAmount + UInt256.One, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardPoolMath.Create(UInt256.One, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardPoolMath.Create(UInt256.One, 0, RewardPoolMath.MaxTime + 1));
        var pool = RewardPoolMath.Create(UInt256.One, 0, 10);
        RewardPoolMath.Fund(pool, RewardPoolMath.MaxAmount, now: 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => RewardPoolMath.Fund(pool, UInt256.One, now: 5));

        Assert.Equal(RewardPoolMath.MaxAmount, pool.Budget);
        Assert.Equal(0, pool.LastUpdate);
    }

    [Fact]
    public void Pending_and_dust_balance_the_emission_in_whole_units()
    {
        var pool = RewardPoolMath.Create((UInt256)10UL, 0, 1_000);
        RewardPoolMath.Fund(pool, (UInt256)1_000UL, now: 0);
        var positions = new[] { new StakePosition(), new StakePosition(), new StakePosition() };
        foreach (var position in positions)
        {
            RewardPoolMath.ChangeShares(pool, position, UInt256.One, now: 0);
        }

        var paid = RewardPoolMath.Claim(pool, positions[0], now: 1);
        RewardPoolMath.Advance(pool, now: 2);

        // Exactly: 20 emitted, 3 paid, the positions hold 17 less 2 * 10^-36 (two updates each rounded 10/3 per share down).
        var held = positions.Aggregate(UInt256.Zero, (sum, p) => sum + RewardPoolMath.PendingScaled(p, pool.Index));
        Assert.Equal((UInt256)3UL, paid);
        Assert.Equal((17 * RewardMath.Scale) - (UInt256)2UL, held);
        Assert.Equal(held, pool.PendingScaled);
        Assert.Equal((UInt256)16UL, pool.Pending);
        Assert.Equal(UInt256.One, pool.Dust);
        Assert.Equal(pool.Emitted, pool.Claimed + pool.Pending + pool.Dust);
    }
}
