using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Actors.Silo.Tests;

/// <summary>The wallet routes through the real host: the wallet's own session acts, nobody else's does, and private fields stay private.</summary>
public sealed class WalletRouteTests : RouteTestBase
{
    private const string Rate = "1000000000000000000"; // 1e18 per second

    private static string Alice => Api.Alice.Address.ToString();

    [Fact]
    public async Task The_wallets_own_session_stakes_claims_and_unstakes_and_the_wallet_shows_what_accrued_as_of_now()
    {
        await PoolAsync("p");
        var token = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "1000");

        var staked = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, token);
        Time.Advance(TimeSpan.FromSeconds(10));
        var wallet = await Api.GetAsync($"/api/wallets/{Alice}");
        var claimed = await Api.PostAsync($"/api/wallets/{Alice}/claim", new { poolId = "p" }, token);
        var unstaked = await Api.PostAsync($"/api/wallets/{Alice}/unstake", new { poolId = "p", amount = "40" }, token);
        var after = await Api.GetAsync($"/api/wallets/{Alice}");

        // The only staker earns the whole emission: 10 s x 1e18.
        var tenSeconds = (10 * 1_000_000_000_000_000_000m).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, staked.Status);
        Assert.Equal("100", staked["staked"]);
        Assert.Equal(Alice, wallet["address"]);
        Assert.Equal(Alice, wallet["owner"]);
        Assert.Equal("False", wallet["frozen"]);
        var position = wallet.Body.GetProperty("positions")[0];
        Assert.Equal(("p", "100", "10000", tenSeconds), (position.GetProperty("poolId").GetString(), position.GetProperty("shares").GetString(),
            position.GetProperty("weight").ToString(), position.GetProperty("pending").GetString()));
        Assert.Equal(tenSeconds, wallet["claimable"]);
        Assert.Equal(tenSeconds, claimed["amount"]);
        Assert.Equal("60", unstaked["staked"]);
        Assert.Equal(tenSeconds, after["claimedRewards"]);
        Assert.Equal("0", after["claimable"]);
        var balances = after.Body.GetProperty("balances");
        Assert.Equal(("940", tenSeconds), (balances.GetProperty("STAKE").GetString(), balances.GetProperty("REWARD").GetString()));
    }

    [Fact]
    public async Task A_pools_position_rows_are_kept_in_the_grain_storage_the_silo_runs_on()
    {
        var written = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Factory.Storage.AfterCommit = (grain, _) => written.Enqueue(grain.ToString());
        await PoolAsync("p");
        var token = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "1000");

        var staked = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, token);

        Assert.Equal(HttpStatusCode.OK, staked.Status);
        Assert.Contains(written, id => id.Equals($"reward-pool-position/p/{Alice}", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_stake_into_an_unknown_pool_is_404_and_the_next_stake_goes_through()
    {
        await PoolAsync("p");
        var bob = Api.Bob.Address.ToString();
        var token = await Api.SignInAsync(Api.Bob);
        await Api.DepositAsync(Api.Bob.Address, "7");

        var unknown = await Api.PostAsync($"/api/wallets/{bob}/stake", new { poolId = "no-such-pool", amount = "5" }, token);
        var staked = await Api.PostAsync($"/api/wallets/{bob}/stake", new { poolId = "p", amount = "7" }, token);
        var wallet = await Api.GetAsync($"/api/wallets/{bob}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("not_found", unknown["code"]);
        Assert.Equal(HttpStatusCode.OK, staked.Status);
        Assert.Equal("7", staked["staked"]);
        var positions = wallet.Body.GetProperty("positions");
        Assert.Equal(1, positions.GetArrayLength());
        Assert.Equal("p", positions[0].GetProperty("poolId").GetString());
    }

    [Theory]
    [InlineData("POST", "stake", """{"poolId":"p","amount":"5"}""")]
    [InlineData("POST", "unstake", """{"poolId":"p","amount":"5"}""")]
    [InlineData("POST", "claim", """{"poolId":"p"}""")]
    [InlineData("PUT", "guardians", """{"guardians":["0x0000000000000000000000000000000000000bad"],"threshold":1}""")]
    [InlineData("PUT", "operators", """{"collectionId":"c","operator":"0x0000000000000000000000000000000000000bad","approved":true}""")]
    [InlineData("POST", "dividends/claim", """{"collectionId":"c"}""")]
    public async Task Another_wallets_session_or_none_cannot_act_for_a_wallet_and_nothing_changes(string method, string route, string body)
    {
        await PoolAsync("p");
        var alice = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "1000");
        await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "50" }, alice);
        var bob = await Api.SignInAsync(Api.Bob);
        var before = await Api.GetAsync($"/api/wallets/{Alice}", alice);

        var byBob = await Api.SendAsync(new HttpMethod(method), $"/api/wallets/{Alice}/{route}", body, bob);
        var byNobody = await Api.SendAsync(new HttpMethod(method), $"/api/wallets/{Alice}/{route}", body);
        var forged = await Api.SendAsync(new HttpMethod(method), $"/api/wallets/{Alice}/{route}", body, bob[..^4] + "AAAA");
        var after = await Api.GetAsync($"/api/wallets/{Alice}", alice);

        Assert.Equal((HttpStatusCode.Forbidden, "not_authorized"), (byBob.Status, byBob.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_required"), (byNobody.Status, byNobody.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_required"), (forged.Status, forged.Code));
        Assert.Equal(Without(before, "signIns"), Without(after, "signIns"));
    }

    [Fact]
    public async Task Sign_in_history_is_hashed_and_shown_to_the_wallets_own_session_and_operators_only()
    {
        var alice = await Api.SignInAsync(Api.Alice, new { deviceFingerprint = "laptop-7f3a", geo = "DE" });
        var bob = await Api.SignInAsync(Api.Bob);

        var own = await Api.GetAsync($"/api/wallets/{Alice}", alice);
        var byOperator = await Api.GetAsync($"/api/wallets/{Alice}", asOperator: true);
        var byBob = await Api.GetAsync($"/api/wallets/{Alice}", bob);
        var anonymous = await Api.GetAsync($"/api/wallets/{Alice}");

        var signIn = own.Body.GetProperty("signIns")[0];
        Assert.Equal("DE", signIn.GetProperty("geo").GetString());
        Assert.Matches("^0x[0-9a-f]{64}$", signIn.GetProperty("deviceFingerprintHash").GetString());
        Assert.DoesNotContain("laptop", own.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, byOperator.Body.GetProperty("signIns").GetArrayLength());
        Assert.False(byBob.Body.TryGetProperty("signIns", out _));
        Assert.False(anonymous.Body.TryGetProperty("signIns", out _));
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
    }

    [Fact]
    public async Task An_unused_wallet_is_404_and_a_malformed_address_is_a_400_naming_it()
    {
        var unused = await Api.GetAsync("/api/wallets/0x000000000000000000000000000000000000dEaD");
        var malformed = await Api.GetAsync("/api/wallets/0x1234");
        var badChecksum = await Api.PostAsync("/api/wallets/0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed/stake", new { poolId = "p", amount = "1" }, await Api.SignInAsync(Api.Alice));

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unused.Status, unused.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_failed"), (malformed.Status, malformed.Code));
        Assert.True(malformed.Names("address"));
        Assert.Equal(HttpStatusCode.BadRequest, badChecksum.Status);
        Assert.True(badChecksum.Names("address"));
    }

    [Fact]
    public async Task An_operators_freeze_stops_value_moving_out_until_it_is_lifted()
    {
        await PoolAsync("p");
        var alice = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "1000");
        await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, alice);

        var byWallet = await Api.PostAsync($"/api/wallets/{Alice}/freeze", new { reason = "fraud-review" }, alice);
        var frozen = await Api.PostAsync($"/api/wallets/{Alice}/freeze", new { reason = "fraud-review" }, asOperator: true);
        var unstake = await Api.PostAsync($"/api/wallets/{Alice}/unstake", new { poolId = "p", amount = "10" }, alice);
        var stakeIn = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "10" }, alice);
        var lifted = await Api.PostAsync($"/api/wallets/{Alice}/unfreeze", new { reason = "fraud-review" }, asOperator: true);
        var unstakeAfter = await Api.PostAsync($"/api/wallets/{Alice}/unstake", new { poolId = "p", amount = "10" }, alice);

        Assert.Equal((HttpStatusCode.Unauthorized, "operator_key_required"), (byWallet.Status, byWallet.Code));
        Assert.Equal("True", frozen["frozen"]);
        Assert.Equal((HttpStatusCode.Locked, "wallet_frozen"), (unstake.Status, unstake.Code));
        Assert.Equal("110", stakeIn["staked"]);
        Assert.Equal("False", lifted["frozen"]);
        Assert.Equal("100", unstakeAfter["staked"]);
    }

    [Fact]
    public async Task Guardians_and_operators_are_set_by_the_wallets_session()
    {
        var alice = await Api.SignInAsync(Api.Alice);
        string[] guardians = [Api.Bob.Address.ToString(), Api.Carol.Address.ToString(), Api.Dave.Address.ToString()];

        var set = await Api.PutAsync($"/api/wallets/{Alice}/guardians", new { guardians, threshold = 0 }, alice);
        var self = await Api.PutAsync($"/api/wallets/{Alice}/guardians", new { guardians = new[] { Alice }, threshold = 1 }, alice);
        var granted = await Api.PutAsync($"/api/wallets/{Alice}/operators", new { collectionId = "c", @operator = Api.Erin.Address.ToString(), approved = true }, alice);

        Assert.Equal(guardians, set.Body.GetProperty("guardians").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("2", set["threshold"]); // ceil(3 / 2)
        Assert.Equal(HttpStatusCode.BadRequest, self.Status);
        Assert.Equal(Api.Erin.Address.ToString(), granted.Body.GetProperty("collections")[0].GetProperty("operators")[0].GetString());
    }

    [Fact]
    public async Task A_stake_repeated_with_its_Idempotency_Key_counts_once_and_the_key_with_another_body_is_409()
    {
        await PoolAsync("p");
        var alice = await Api.SignInAsync(Api.Alice);
        await Api.DepositAsync(Api.Alice.Address, "1000");

        var first = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, alice, idempotencyKey: "stake-1");
        var repeat = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, alice, idempotencyKey: "stake-1");
        var other = await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "7" }, alice, idempotencyKey: "stake-1");
        var wallet = await Api.GetAsync($"/api/wallets/{Alice}");

        Assert.Equal("100", first["staked"]);
        Assert.Equal("100", repeat["staked"]);
        Assert.Equal((HttpStatusCode.Conflict, "idempotency_key_reused"), (other.Status, other.Code));
        Assert.Equal("100", wallet.Body.GetProperty("positions")[0].GetProperty("staked").GetString());
    }

    private async Task PoolAsync(string poolId)
    {
        var created = await Api.PutAsync($"/api/pools/{poolId}", new { ratePerSecond = Rate, startsAt = Start.ToString("O", CultureInfo.InvariantCulture) }, asOperator: true);
        var funded = await Api.PostAsync($"/api/pools/{poolId}/fund", new { amount = "1000000000000000000000" }, asOperator: true);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created.Status, funded.Status));
    }

    private static string Without(Reply reply, string property) =>
        JsonSerializer.Serialize(reply.Body.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));
}
