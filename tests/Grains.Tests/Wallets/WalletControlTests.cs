using Actors.Domain.Money;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Tests.Rewards;

namespace Actors.Grains.Tests.Wallets;

/// <summary>Who controls a wallet: its key, owner, guardians, freeze, nonce and operators.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class WalletControlTests(SharedGrainCluster cluster)
{
    private static readonly UInt256 E18 = UInt256.Pow10(18);
    private readonly TestKeys _keys = TestKeys.Next();

    [Theory]
    [InlineData("0xa")]
    [InlineData("wallet")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")] // a valid address, but not in the lowercase key form
    public async Task A_wallet_is_keyed_by_its_lowercase_address_and_other_keys_are_refused(string key)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IWalletGrain>(key).Get());

        Assert.Contains("lowercase", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_is_the_wallet_itself_and_guardians_take_the_default_threshold_of_a_majority()
    {
        var wallet = Wallet(1);

        var fresh = await wallet.Get();
        var three = await wallet.SetGuardians("g-1", [Addresses.Of(11), Addresses.Of(12), Addresses.Of(13)], threshold: 0);
        var four = await wallet.SetGuardians("g-2", [Addresses.Of(11), Addresses.Of(12), Addresses.Of(13), Addresses.Of(14)], threshold: 0);
        var explicitThreshold = await wallet.SetGuardians("g-3", [Addresses.Of(11), Addresses.Of(12)], threshold: 2);
        var cleared = await wallet.SetGuardians("g-4", [], threshold: 0);

        Assert.Equal(_keys.Address(1), fresh.Owner);
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
        var wallet = Wallet(1);
        await wallet.SetGuardians("g-1", [Addresses.Of(11), Addresses.Of(12)], threshold: 1);
        var tooMany = Enumerable.Range(100, WalletLimits.MaxGuardians + 1).Select(n => Addresses.Of(n)).ToArray();

        await Refused.FieldAsync("guardians", () => wallet.SetGuardians("g-2", [Addresses.Of(11), Addresses.Of(11)], 1));
        await Refused.FieldAsync("guardians", () => wallet.SetGuardians("g-3", [_keys.Address(1)], 1));
        await Refused.FieldAsync("threshold", () => wallet.SetGuardians("g-4", [Addresses.Of(11)], 2));
        await Refused.FieldAsync("threshold", () => wallet.SetGuardians("g-5", [Addresses.Of(11)], -1));
        await Refused.FieldAsync("guardians", () => wallet.SetGuardians("g-6", tooMany, 1));

        var after = await wallet.Get();
        Assert.Equal([Addresses.Of(11), Addresses.Of(12)], after.Guardians);
        Assert.Equal(1, after.Threshold);
    }

    [Fact]
    public async Task Bad_operation_ids_are_refused_as_bad_inputs_and_change_nothing()
    {
        var wallet = Wallet(1);

        await Refused.FieldAsync("operationId", () => wallet.SetGuardians(string.Empty, [Addresses.Of(11)], 0));
        var tooLong = new string('x', OperationIds.MaxLength + 1);
        await Refused.FieldAsync("operationId", () => wallet.SetGuardians(tooLong, [Addresses.Of(11)], 0));
        await Refused.FieldAsync("operationId", () => wallet.SetGuardians("g\n1", [Addresses.Of(11)], 0));

        Assert.False((await wallet.Get()).Exists);
    }

    [Fact]
    public async Task A_frozen_wallet_refuses_moving_value_out_and_control_changes_until_every_reason_is_lifted()
    {
        var p = _keys.Id("p");
        await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, p, E18, 1_000 * E18);
        var wallet = Wallet(1);
        await cluster.Grains.DepositAsync(_keys.Wallet(1));
        await wallet.Stake("s-1", p, 10 * E18);
        cluster.Time.Advance(TimeSpan.FromSeconds(5));

        await wallet.Freeze("f-1", "operator");
        await wallet.Freeze("f-2", "anomaly");
        var unstake = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Unstake("u-1", p, E18));
        var claim = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Claim("c-1", p));
        var guardians = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.SetGuardians("g-1", [Addresses.Of(9)], 0));
        var grant = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.SetOperator("o-1", "c", Addresses.Of(7), true));
        await wallet.SetOperator("o-2", "c", Addresses.Of(7), false); // revoking stays possible
        await wallet.Stake("s-2", p, E18); // value coming in stays possible
        var frozen = await wallet.Get();
        await wallet.Unfreeze("uf-1", "operator");
        var stillFrozen = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.Claim("c-2", p));
        await wallet.Unfreeze("uf-2", "anomaly");
        var paid = await wallet.Claim("c-3", p);

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
        var wallet = Wallet(1);

        await Refused.FieldAsync("reason", () => wallet.Freeze("f-1", "Operator"));
        await Refused.FieldAsync("reason", () => wallet.Freeze("f-2", ""));
        await Refused.FieldAsync("reason", () => wallet.Freeze("f-3", new string('a', WalletLimits.MaxReasonLength + 1)));

        Assert.False((await wallet.Get()).Frozen);
    }

    [Fact]
    public async Task The_nonce_is_used_once_in_order()
    {
        var wallet = Wallet(1);

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
    public async Task Operators_are_granted_and_revoked_per_collection()
    {
        var wallet = Wallet(1);

        await wallet.SetOperator("o-1", "c", Addresses.Of(7), true);
        await wallet.SetOperator("o-2", "c", Addresses.Of(8), true);
        await wallet.SetOperator("o-3", "d", Addresses.Of(7), true);
        var granted = await wallet.Get();
        await wallet.SetOperator("o-4", "c", Addresses.Of(7), false);
        var revoked = await wallet.Get();
        await Refused.FieldAsync("operatorAddress", () => wallet.SetOperator("o-5", "c", _keys.Address(1), true));
        await Refused.FieldAsync("collectionId", () => wallet.SetOperator("o-6", "bad/id", Addresses.Of(7), true));

        Assert.Equal([Addresses.Of(7), Addresses.Of(8)], granted.Collections.Single(c => c.CollectionId == "c").Operators);
        Assert.Equal([Addresses.Of(8)], revoked.Collections.Single(c => c.CollectionId == "c").Operators);
        Assert.Equal([Addresses.Of(7)], revoked.Collections.Single(c => c.CollectionId == "d").Operators);
    }

    [Fact]
    public async Task A_sign_in_nonce_is_used_once_and_the_wallet_remembers_a_bounded_number_until_they_expire()
    {
        var wallet = Wallet(1);
        var expires = cluster.Time.GetUtcNow() + WalletLimits.SignInNonceLifetime;
        var nonces = Enumerable.Range(0, WalletLimits.RememberedSignInNonces + 1).Select(n => $"nonce{n:D4}").ToList();

        foreach (var nonce in nonces.Take(WalletLimits.RememberedSignInNonces))
        {
            await wallet.UseSignInNonce(nonce, expires);
        }

        var reused = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.UseSignInNonce(nonces[0], expires));
        var beyondBound = await Assert.ThrowsAsync<RequestRejectedException>(() => wallet.UseSignInNonce(nonces[^1], expires));
        var expired = await Assert.ThrowsAsync<RequestRejectedException>(
            () => wallet.UseSignInNonce("nonceexpired", cluster.Time.GetUtcNow()));
        cluster.Time.Advance(WalletLimits.SignInNonceLifetime);
        await wallet.UseSignInNonce(nonces[^1], cluster.Time.GetUtcNow() + WalletLimits.SignInNonceLifetime);

        Assert.Equal(WalletErrors.StaleNonce, reused.Code);
        Assert.Equal(WalletErrors.RateLimited, beyondBound.Code);
        Assert.Equal(WalletErrors.StaleNonce, expired.Code);
        await Refused.FieldAsync("nonce", () => wallet.UseSignInNonce("not a nonce", expires));
    }

    private IWalletGrain Wallet(int n) => cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(n));
}
