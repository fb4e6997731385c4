using System.Net;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;

namespace Actors.Silo.Tests.Logins;

/// <summary>
/// The anomaly rules under the fake clock (a burst of refusals and a new device in a new country ask for a step-up; three
/// countries within an hour freeze the wallet for an hour), the step-up itself, and the session events: logout and expiry.
/// </summary>
public sealed class LoginAnomalyTests : RouteTestBase
{
    private static readonly PrivateKey Alice = Api.Alice;
    private static readonly EthereumAddress Bob = Api.Bob.Address;

    [Fact]
    public async Task A_burst_of_refused_sign_ins_asks_a_step_up_that_blocks_withdrawals_until_the_owner_signs_again()
    {
        var token = await Api.SignInAsync(Alice);
        await Api.DepositAsync(Alice.Address, "100");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Api.TrySignInAsync(Alice.Address, Api.Key(0xbad))).Status);
        }

        var beforeBurst = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);
        await Api.TrySignInAsync(Alice.Address, Api.Key(0xbad)); // the fifth within ten minutes
        var asked = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);
        var refused = await Withdraw(token);
        var stake = await Api.PostAsync($"/api/wallets/{Alice.Address}/deposits", new { asset = "STAKE", amount = "1", reference = "r-1" }, asOperator: true);
        var stepUp = await StepUpAsync(token);
        var allowed = await Withdraw(token);
        var records = await RecordsAsync(token);

        Assert.False(beforeBurst.Body.TryGetProperty("stepUp", out _));
        Assert.StartsWith("refused_burst", asked.Body.GetProperty("stepUp").GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "step_up_required"), (refused.Status, refused.Code));
        Assert.Equal(HttpStatusCode.OK, stake.Status); // only sensitive operations wait for the step-up
        Assert.Equal(HttpStatusCode.OK, stepUp.Status);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Contains(records, r => r.Kind == LoginKinds.Anomaly && r.Outcome == "step_up");
        Assert.Equal(LoginKinds.StepUp, records[^1].Kind);
    }

    [Fact]
    public async Task Refusals_spread_beyond_the_window_ask_nothing()
    {
        var token = await Api.SignInAsync(Alice);
        for (var i = 0; i < 6; i++)
        {
            await Api.TrySignInAsync(Alice.Address, Api.Key(0xbad));
            Time.Advance(TimeSpan.FromMinutes(3)); // never five within ten minutes
        }

        token = await Api.SignInAsync(Alice);
        var wallet = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);

        Assert.False(wallet.Body.TryGetProperty("stepUp", out _));
    }

    [Fact]
    public async Task A_new_device_in_a_new_country_asks_a_step_up_and_either_alone_does_not()
    {
        await Api.SignInAsync(Alice, new { deviceFingerprint = "laptop", geo = "DE" });
        var newDevice = await Api.SignInAsync(Alice, new { deviceFingerprint = "tablet", geo = "DE" });
        var afterDevice = await Api.GetAsync($"/api/wallets/{Alice.Address}", newDevice);
        Time.Advance(TimeSpan.FromHours(2));
        var newCountry = await Api.SignInAsync(Alice, new { deviceFingerprint = "laptop", geo = "FR" });
        var afterCountry = await Api.GetAsync($"/api/wallets/{Alice.Address}", newCountry);
        Time.Advance(TimeSpan.FromHours(2));
        var both = await Api.SignInAsync(Alice, new { deviceFingerprint = "phone", geo = "JP" });
        var afterBoth = await Api.GetAsync($"/api/wallets/{Alice.Address}", both);

        Assert.False(afterDevice.Body.TryGetProperty("stepUp", out _));
        Assert.False(afterCountry.Body.TryGetProperty("stepUp", out _));
        Assert.StartsWith("new_device_new_country", afterBoth.Body.GetProperty("stepUp").GetProperty("rule").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_ins_from_three_countries_within_an_hour_freeze_the_wallet_for_an_hour()
    {
        await Api.SignInAsync(Alice, new { geo = "DE" });
        Time.Advance(TimeSpan.FromMinutes(10));
        await Api.SignInAsync(Alice, new { geo = "FR" });
        Time.Advance(TimeSpan.FromMinutes(10));
        var token = await Api.SignInAsync(Alice, new { geo = "BR" });
        await Api.DepositAsync(Alice.Address, "10");

        var frozen = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);
        var refused = await Withdraw(token);
        Time.Advance(TimeSpan.FromMinutes(61));
        token = await Api.SignInAsync(Alice, new { geo = "BR" });
        var thawed = await Api.GetAsync($"/api/wallets/{Alice.Address}", token);
        var reason = frozen.Body.GetProperty("freezeReasons")[0];

        Assert.True(frozen.Body.GetProperty("frozen").GetBoolean());
        Assert.Equal("login_anomaly", reason.GetProperty("reason").GetString());
        Assert.StartsWith("countries_within_window", reason.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Time.GetUtcNow() - TimeSpan.FromMinutes(61) + TimeSpan.FromHours(1), reason.GetProperty("until").GetDateTimeOffset());
        Assert.Equal((HttpStatusCode.Locked, "wallet_frozen"), (refused.Status, refused.Code));
        Assert.False(thawed.Body.GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task Countries_spread_over_more_than_an_hour_do_not_freeze()
    {
        await Api.SignInAsync(Alice, new { geo = "DE" });
        Time.Advance(TimeSpan.FromMinutes(40));
        await Api.SignInAsync(Alice, new { geo = "FR" });
        Time.Advance(TimeSpan.FromMinutes(40));
        var token = await Api.SignInAsync(Alice, new { geo = "BR" });

        Assert.False((await Api.GetAsync($"/api/wallets/{Alice.Address}", token)).Body.GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task A_logout_ends_the_session_and_an_expired_session_is_recorded_before_the_next_sign_in()
    {
        var first = await Api.SignInAsync(Alice);
        var second = await Api.SignInAsync(Alice);
        var logout = await Api.PostAsync("/api/auth/logout", new { }, second);
        var afterLogout = await Api.GetAsync("/api/auth/session", second);
        Time.Advance(TimeSpan.FromMinutes(16)); // past the 15-minute session lifetime
        var third = await Api.SignInAsync(Alice);
        var records = await RecordsAsync(third);

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (afterLogout.Status, afterLogout.Code));
        Assert.Equal(
            [(LoginKinds.SignIn, "signed_in"), (LoginKinds.SignIn, "signed_in"), (LoginKinds.SessionEnd, "logout"),
                (LoginKinds.SessionEnd, "expired"), (LoginKinds.SignIn, "signed_in")],
            records.Select(r => (r.Kind, r.Outcome!)));
        Assert.Equal(records[0].SessionId, records[3].SessionId); // the first session, which nobody logged out
        Assert.Equal(records[1].SessionId, records[2].SessionId);
        Assert.NotEqual(first, second);
    }

    private Task<Reply> Withdraw(string token) =>
        Api.PostAsync($"/api/wallets/{Alice.Address}/withdrawals", new { asset = "STAKE", amount = "1", to = Bob.ToString() }, token);

    private async Task<Reply> StepUpAsync(string token)
    {
        var nonce = await Api.PostAsync("/api/auth/nonce", new { address = Alice.Address.ToString() });
        var message = nonce.Body.GetProperty("message").GetString()!;
        return await Api.PostAsync("/api/auth/step-up", new { message, signature = PersonalSign.Sign(Alice, message).ToString() }, token);
    }

    private async Task<List<LoginRecordJson>> RecordsAsync(string token)
    {
        var page = await Api.GetAsync($"/api/wallets/{Alice.Address}/logins", token);
        return [.. page.Body.GetProperty("records").EnumerateArray()
            .Select(r => System.Text.Json.JsonSerializer.Deserialize<LoginRecordJson>(r.GetRawText(), System.Text.Json.JsonSerializerOptions.Web)!)];
    }
}
