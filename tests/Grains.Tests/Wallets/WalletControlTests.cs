using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Tests.Rewards;
using Actors.Grains.Wallets;
using Actors.Runtime;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Grains.Tests.Wallets;

/// <summary>Who controls a wallet: its key, owner, guardians, freeze, nonce, operators and rate limit.</summary>
public sealed class WalletControlTests
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    [Theory]
    [InlineData("0xa")]
    [InlineData("wallet")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")] // a valid address, but not in the lowercase key form
    public async Task A_wallet_is_keyed_by_its_lowercase_address_and_other_keys_are_refused(string key)
    {
        await using var silo = await GrainSilo.StartAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => silo.GrainFactory.GetGrain<IWalletGrain>(key).Get());

        Assert.Contains("lowercase", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_is_the_wallet_itself_and_guardians_take_the_default_threshold_of_a_majority()
    {
        await using var silo = await GrainSilo.StartAsync();
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));

        var fresh = await wallet.Get();
        var three = await wallet.SetGuardians("g-1", [Addresses.Of(11), Addresses.Of(12), Addresses.Of(13)], threshold: 0);
        var four = await wallet.SetGuardians("g-2", [Addresses.Of(11), Addresses.Of(12), Addresses.Of(13), Addresses.Of(14)], threshold: 0);
        var explicitThreshold = await wallet.SetGuardians("g-3", [Addresses.Of(11), Addresses.Of(12)], threshold: 2);
        var cleared = await wallet.SetGuardians("g-4", [], threshold: 0);

        Assert.Equal(Addresses.Of(1), fresh.Owner);
        Assert.Empty(fresh.Guardians);
        Assert.Equal(2, three.Threshold);
        Assert.Equal([Addresses.Of(11), Addresses.Of(12), Addresses.Of(13)], three.Guardians);
        Assert.Equal(2, four.Threshold);
        Assert.Equal(2, explicitThreshold.Threshold);
        Assert.Empty(cleared.Guardians);
        Assert.Equal(0, cleared.Threshold);
    }

    [Fact]
    public async Task Invalid_guardian_sets_are_refused_and_change_nothing()
    {
        await using var silo = await GrainSilo.StartAsync();
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));
        await wallet.SetGuardians("g-1", [Addresses.Of(11), Addresses.Of(12)], threshold: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => wallet.SetGuardians("g-2", [Addresses.Of(11), Addresses.Of(11)], 1));
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.SetGuardians("g-3", [Addresses.Of(1)], 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => wallet.SetGuardians("g-4", [Addresses.Of(11)], 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => wallet.SetGuardians("g-5", [Addresses.Of(11)], -1));
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.SetGuardians("g-6", [.. Enumerable.Range(100, WalletLimits.MaxGuardians + 1).Select(Addresses.Of)], 1));

        var after = await wallet.Get();
        Assert.Equal([Addresses.Of(11), Addresses.Of(12)], after.Guardians);
        Assert.Equal(1, after.Threshold);
    }

    [Fact]
    public async Task A_frozen_wallet_refuses_moving_value_out_and_control_changes_until_every_reason_is_lifted()
    {
        var time = new FakeTimeProvider(Start);
        await using var silo = await GrainSilo.StartAsync(timeProvider: time);
        await StakingTests.CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));
        await wallet.Stake("s-1", "p", 10 * E18);
        time.Advance(TimeSpan.FromSeconds(5));

        await wallet.Freeze("f-1", "operator");
        await wallet.Freeze("f-2", "anomaly");
        var unstake = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Unstake("u-1", "p", E18));
        var claim = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Claim("c-1", "p"));
        var guardians = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.SetGuardians("g-1", [Addresses.Of(9)], 0));
        var grant = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.SetOperator("o-1", "c", Addresses.Of(7), true));
        await wallet.SetOperator("o-2", "c", Addresses.Of(7), false); // revoking stays possible
        await wallet.Stake("s-2", "p", E18); // value coming in stays possible
        var frozen = await wallet.Get();
        await wallet.Unfreeze("uf-1", "operator");
        var stillFrozen = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Claim("c-2", "p"));
        await wallet.Unfreeze("uf-2", "anomaly");
        var paid = await wallet.Claim("c-3", "p");

        Assert.All([unstake, claim, guardians, grant, stillFrozen], e => Assert.Equal(WalletErrors.Frozen, e.Code));
        Assert.True(frozen.Frozen);
        Assert.Equal(["operator", "anomaly"], frozen.FreezeReasons.Select(r => r.Reason));
        Assert.Equal(11 * E18, frozen.Positions.Single().Staked);
        Assert.Equal(UInt256.Zero, frozen.ClaimedRewards);
        Assert.Empty(frozen.Guardians);
        Assert.Equal(5 * E18, paid.Paid);
        Assert.False((await wallet.Get()).Frozen);
    }

    [Fact]
    public async Task Freeze_reasons_are_codes()
    {
        await using var silo = await GrainSilo.StartAsync();
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));

        await Assert.ThrowsAsync<ArgumentException>(() => wallet.Freeze("f-1", "Operator"));
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.Freeze("f-2", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.Freeze("f-3", new string('a', WalletLimits.MaxReasonLength + 1)));

        Assert.False((await wallet.Get()).Frozen);
    }

    [Fact]
    public async Task The_nonce_is_used_once_in_order()
    {
        await using var silo = await GrainSilo.StartAsync();
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));

        var first = await wallet.UseNonce(0);
        var replay = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.UseNonce(0));
        var skipped = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.UseNonce(5));
        var second = await wallet.UseNonce(1);

        Assert.Equal(1UL, first);
        Assert.Equal(2UL, second);
        Assert.Equal(WalletErrors.StaleNonce, replay.Code);
        Assert.Equal(WalletErrors.StaleNonce, skipped.Code);
        Assert.Equal(2UL, (await wallet.Get()).Nonce);
    }

    [Fact]
    public async Task Sensitive_operations_above_the_rate_limit_are_refused_until_the_bucket_refills_and_repeats_cost_nothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var silo = await GrainSilo.StartAsync(
            timeProvider: time, configureServices: s => s.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 3));
        await StakingTests.CreatePoolAsync(silo, "p", E18, 1_000 * E18);
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));
        var other = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(2));

        for (var i = 0; i < 3; i++)
        {
            await wallet.Stake($"s-{i}", "p", E18);
        }

        var limited = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("s-3", "p", E18));
        var repeat = await wallet.Stake("s-0", "p", E18);
        await other.Stake("o-0", "p", E18);
        var during = await wallet.Get();
        time.Advance(TimeSpan.FromSeconds(20)); // a third of a minute: one operation's worth
        await wallet.Stake("s-3", "p", E18);
        var again = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Stake("s-4", "p", E18));

        Assert.Equal(WalletErrors.RateLimited, limited.Code);
        Assert.Equal(WalletErrors.RateLimited, again.Code);
        Assert.Equal(E18, repeat.Staked);
        Assert.Equal(3 * E18, during.Positions.Single().Staked);
        Assert.Equal(4 * E18, (await wallet.Get()).Positions.Single().Staked);
    }

    [Fact]
    public async Task Operators_are_granted_and_revoked_per_collection()
    {
        await using var silo = await GrainSilo.StartAsync();
        var wallet = silo.GrainFactory.GetGrain<IWalletGrain>(Addresses.Key(1));

        await wallet.SetOperator("o-1", "c", Addresses.Of(7), true);
        await wallet.SetOperator("o-2", "c", Addresses.Of(8), true);
        await wallet.SetOperator("o-3", "d", Addresses.Of(7), true);
        var granted = await wallet.Get();
        await wallet.SetOperator("o-4", "c", Addresses.Of(7), false);
        var revoked = await wallet.Get();
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.SetOperator("o-5", "c", Addresses.Of(1), true));
        await Assert.ThrowsAsync<ArgumentException>(() => wallet.SetOperator("o-6", "bad/id", Addresses.Of(7), true));

        Assert.Equal([Addresses.Of(7), Addresses.Of(8)], granted.Collections.Single(c => c.CollectionId == "c").Operators);
        Assert.Equal([Addresses.Of(8)], revoked.Collections.Single(c => c.CollectionId == "c").Operators);
        Assert.Equal([Addresses.Of(7)], revoked.Collections.Single(c => c.CollectionId == "d").Operators);
    }
}
