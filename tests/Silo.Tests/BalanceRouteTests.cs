using System.Globalization;
using System.Net;

namespace Actors.Silo.Tests;

/// <summary>
/// Value comes from somewhere: balances credited by deposits with a unique reference, stakes drawn from them, claims credited
/// to the reward asset, withdrawals debited into requests; and a pool's public figures that balance in whole units.
/// </summary>
public sealed class BalanceRouteTests : RouteTestBase
{
    private const string Rate = "1000000000000000000"; // 1e18 per second

    private static string Alice => Api.Alice.Address.ToString();

    private static string Bob => Api.Bob.Address.ToString();

    [Fact]
    public async Task A_fresh_key_cannot_stake_what_it_never_deposited()
    {
        await PoolAsync("p");
        var token = await Api.SignInAsync(Api.Alice);

        var huge = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "57896044618658097711785492504343953926634992332820282019728792003956564819968" }, token);
        var small = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "1" }, token);
        var pool = await Api.GetAsync("/api/pools/p");
        var wallet = await Api.GetAsync($"/api/wallets/{Alice}");

        // 2^255 is beyond what any position may hold (2^128-1); one unit is beyond what the wallet holds (nothing).
        Assert.Equal((HttpStatusCode.BadRequest, true), (huge.Status, huge.Names("amount")));
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (small.Status, small.Code));
        Assert.Equal("0", pool["totalShares"]);
        Assert.Equal(0, wallet.Body.GetProperty("positions").GetArrayLength());
    }

    [Fact]
    public async Task Pool_figures_balance_in_whole_units_emitted_is_claimed_plus_pending_plus_dust()
    {
        // Three stakers of 1, 1 and 1 split 10 units a second: each second leaves a third of a unit to every position.
        await Api.PutAsync("/api/pools/thirds", new { ratePerSecond = "10", startsAt = Start.ToString("O", CultureInfo.InvariantCulture) }, asOperator: true);
        await Api.PostAsync("/api/pools/thirds/fund", new { amount = "1000000" }, asOperator: true);
        foreach (var key in new[] { Api.Alice, Api.Bob, Api.Carol })
        {
            var token = await Api.SignInAsync(key);
            await DepositAsync(key.Address.ToString(), "STAKE", "1", $"ref-{key.Address}");
            var staked = await Api.PostAsync($"/api/wallets/{key.Address}/stake", new { poolId = "thirds", amount = "1" }, token);
            Assert.Equal(HttpStatusCode.OK, staked.Status);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        var claimed = await Api.PostAsync($"/api/wallets/{Alice}/claim", new { poolId = "thirds" }, await Api.SignInAsync(Api.Alice));
        Time.Advance(TimeSpan.FromSeconds(1));
        var pool = await Api.GetAsync("/api/pools/thirds");

        Assert.Equal(HttpStatusCode.OK, claimed.Status);
        var emitted = UInt(pool["emitted"]);
        var paid = UInt(pool["claimed"]);
        var pending = UInt(pool["pending"]);
        var dust = UInt(pool["dust"]);
        Assert.Equal(20UL, emitted);
        Assert.Equal(emitted, paid + pending + dust);
        Assert.Equal(3UL, paid); // Alice's whole units of 10/3 after one second
        var wallets = 0UL;
        foreach (var key in new[] { Api.Alice, Api.Bob, Api.Carol })
        {
            wallets += UInt((await Api.GetAsync($"/api/wallets/{key.Address}"))["claimable"]);
        }

        // The index rounds each second's 10/3 per share down by 1/3 of 10^-36, so the positions hold 17 units less 2 * 10^-36:
        // Alice 10/3 - 3 + 10/3, Bob and Carol 20/3 each, shown as 3 + 6 + 6. The pool owes the whole units of their exact sum
        // (16; the positions' fractions are still theirs), and what is not owed in whole units is dust.
        Assert.Equal(15UL, wallets);
        Assert.Equal(16UL, pending);
        Assert.Equal(1UL, dust);
    }

    [Fact]
    public async Task A_deposit_reference_counts_once_across_every_wallet_and_retry()
    {
        const string reference = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060:3";

        var first = await Api.DepositAsync(Api.Alice.Address, "100", reference: reference);
        var again = await Api.DepositAsync(Api.Alice.Address, "100", reference: reference);
        var otherAmount = await Api.PostAsync($"/api/wallets/{Alice}/deposits", new { asset = "STAKE", amount = "999", reference }, asOperator: true);
        var otherWallet = await Api.PostAsync($"/api/wallets/{Bob}/deposits", new { asset = "STAKE", amount = "100", reference }, asOperator: true);
        var withoutKey = await Api.PostAsync($"/api/wallets/{Bob}/deposits", new { asset = "STAKE", amount = "100", reference = "other-ref" });
        var alice = await Api.GetAsync($"/api/wallets/{Alice}");
        var bob = await Api.GetAsync($"/api/wallets/{Bob}");

        Assert.Equal("100", first.Body.GetProperty("balances").GetProperty("STAKE").GetString());
        Assert.Equal("100", again.Body.GetProperty("balances").GetProperty("STAKE").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "deposit_reference_reused"), (otherAmount.Status, otherAmount.Code));
        Assert.Equal((HttpStatusCode.Conflict, "deposit_reference_reused"), (otherWallet.Status, otherWallet.Code));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.Status);
        Assert.Equal("100", alice.Body.GetProperty("balances").GetProperty("STAKE").GetString());
        Assert.Equal(HttpStatusCode.NotFound, bob.Status); // nothing ever happened to Bob's wallet
    }

    [Fact]
    public async Task A_withdrawal_debits_the_balance_into_a_request_and_nothing_beyond_it_or_while_frozen()
    {
        var token = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "100");

        var withdrawn = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "30", to = Bob }, token, idempotencyKey: "w-1");
        var repeated = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "30", to = Bob }, token, idempotencyKey: "w-1");
        var beyond = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "71", to = Bob }, token);
        var otherAsset = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "REWARD", amount = "1", to = Bob }, token);
        await Api.PostAsync($"/api/wallets/{Alice}/freeze", new { reason = "fraud-review" }, asOperator: true);
        var frozen = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "1", to = Bob }, token);
        var list = await Api.GetAsync($"/api/wallets/{Alice}/withdrawals", token);
        var strangers = await Api.GetAsync($"/api/wallets/{Alice}/withdrawals", await Api.SignInAsync(Api.Bob));
        var wallet = await Api.GetAsync($"/api/wallets/{Alice}");

        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        Assert.Equal(("requested", "30", Bob), (withdrawn["status"], withdrawn["amount"], withdrawn["to"]));
        Assert.Equal(withdrawn["withdrawalId"], repeated["withdrawalId"]);
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (beyond.Status, beyond.Code));
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (otherAsset.Status, otherAsset.Code));
        Assert.Equal((HttpStatusCode.Locked, "wallet_frozen"), (frozen.Status, frozen.Code));
        Assert.Equal(1, list.Body.GetArrayLength());
        Assert.Equal(withdrawn["withdrawalId"], list.Body[0].GetProperty("withdrawalId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, strangers.Status);
        Assert.Equal("70", wallet.Body.GetProperty("balances").GetProperty("STAKE").GetString());
    }

    [Fact]
    public async Task A_recovery_request_puts_outgoing_value_in_escrow_from_its_submission_until_the_owner_cancels_it()
    {
        var token = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "100");
        await Api.PutAsync($"/api/wallets/{Alice}/guardians", new { guardians = new[] { Bob, Api.Carol.Address.ToString() } }, token);

        var submitted = await Api.PostAsync("/api/recoveries", new { requestId = "escrow-1", wallet = Alice, newOwner = Api.Dave.Address.ToString() });
        var held = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "10", to = Bob }, token);
        var cancel = Domain.Ethereum.PersonalSign.Sign(Api.Alice, submitted["cancelMessage"]!).ToString();
        var cancelled = await Api.PostAsync("/api/recoveries/escrow-1/cancel", new { signature = cancel });
        var released = await Api.PostAsync($"/api/wallets/{Alice}/withdrawals", new { asset = "STAKE", amount = "10", to = Bob }, token);

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal((HttpStatusCode.Locked, "recovery_escrow"), (held.Status, held.Code));
        Assert.Equal("Cancelled", cancelled["status"]);
        Assert.Equal(HttpStatusCode.OK, released.Status);
    }

    [Fact]
    public async Task A_pool_with_its_own_assets_draws_stakes_from_one_balance_and_pays_claims_into_another()
    {
        await Api.PutAsync("/api/pools/usd", new { ratePerSecond = "5", startsAt = Start.ToString("O", CultureInfo.InvariantCulture), stakeAsset = "USDC", rewardAsset = "GOV" }, asOperator: true);
        await Api.PostAsync("/api/pools/usd/fund", new { amount = "1000" }, asOperator: true);
        var token = await Api.SignInAsync(Api.Carol);
        var carol = Api.Carol.Address.ToString();
        await Api.DepositAsync(Api.Carol.Address, "50", asset: "STAKE");

        var wrongAsset = await Api.PostAsync($"/api/wallets/{carol}/stake", new { poolId = "usd", amount = "10" }, token);
        await Api.DepositAsync(Api.Carol.Address, "10", asset: "USDC");
        var staked = await Api.PostAsync($"/api/wallets/{carol}/stake", new { poolId = "usd", amount = "10" }, token);
        Time.Advance(TimeSpan.FromSeconds(4));
        var claimed = await Api.PostAsync($"/api/wallets/{carol}/claim", new { poolId = "usd" }, token);
        var unstaked = await Api.PostAsync($"/api/wallets/{carol}/unstake", new { poolId = "usd", amount = "10" }, token);
        var pool = await Api.GetAsync("/api/pools/usd");
        var balances = (await Api.GetAsync($"/api/wallets/{carol}")).Body.GetProperty("balances");

        Assert.Equal((HttpStatusCode.Conflict, "insufficient_balance"), (wrongAsset.Status, wrongAsset.Code));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (staked.Status, claimed.Status, unstaked.Status));
        Assert.Equal(("USDC", "GOV"), (pool["stakeAsset"], pool["rewardAsset"]));
        Assert.Equal("20", claimed["amount"]);
        Assert.Equal(("50", "10", "20"), (balances.GetProperty("STAKE").GetString(), balances.GetProperty("USDC").GetString(), balances.GetProperty("GOV").GetString()));
    }

    private async Task PoolAsync(string poolId)
    {
        var created = await Api.PutAsync($"/api/pools/{poolId}", new { ratePerSecond = Rate, startsAt = Start.ToString("O", CultureInfo.InvariantCulture) }, asOperator: true);
        var funded = await Api.PostAsync($"/api/pools/{poolId}/fund", new { amount = "1000000000000000000000" }, asOperator: true);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created.Status, funded.Status));
    }

    private async Task DepositAsync(string wallet, string asset, string amount, string reference)
    {
        var deposited = await Api.PostAsync($"/api/wallets/{wallet}/deposits", new { asset, amount, reference }, asOperator: true);
        Assert.Equal(HttpStatusCode.OK, deposited.Status);
    }

    private static ulong UInt(string? text) => ulong.Parse(text!, CultureInfo.InvariantCulture);
}
