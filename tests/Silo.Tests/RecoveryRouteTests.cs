using System.Net;
using Actors.Domain.Ethereum;
using Actors.Testing;

namespace Actors.Silo.Tests;

/// <summary>
/// Recovery through the real host: guardians approve with signatures, the timelock runs out, the wallet's owner rotates, the
/// old key's sessions end, and the new owner signs in for the wallet.
/// </summary>
public sealed class RecoveryRouteTests : RouteTestBase
{
    protected override void Configure(Dictionary<string, string> settings) =>
        settings["Gateway:SessionLifetime"] = "30.00:00:00"; // outlives the timelock, to show that a recovery ends it

    private static string Alice => Api.Alice.Address.ToString();

    [Fact]
    public async Task Guardians_recover_a_wallet_from_a_known_device_and_the_old_keys_sessions_end()
    {
        var oldSession = await GuardedAliceAsync();

        var submitted = await Api.PostAsync("/api/recoveries", new { requestId = "r1", wallet = Alice, newOwner = Api.Erin.Address.ToString(), deviceFingerprint = "laptop-1", geo = "DE" });
        var message = submitted["signingMessage"]!;
        var first = await Api.PostAsync("/api/recoveries/r1/approvals", new { guardian = Api.Bob.Address.ToString(), signature = Sign(Api.Bob, message) });
        var again = await Api.PostAsync("/api/recoveries/r1/approvals", new { guardian = Api.Bob.Address.ToString(), signature = Sign(Api.Bob, message) });
        var forged = await Api.PostAsync("/api/recoveries/r1/approvals", new { guardian = Api.Carol.Address.ToString(), signature = Sign(Api.Erin, message) });
        var locked = await Api.PostAsync("/api/recoveries/r1/approvals", new { guardian = Api.Carol.Address.ToString(), signature = Sign(Api.Carol, message) });
        await FinalizeAsync("r1");
        var done = await Api.GetAsync("/api/recoveries/r1");
        var byOldSession = await Api.PutAsync($"/api/wallets/{Alice}/guardians", new { guardians = Array.Empty<string>() }, oldSession);
        var oldKey = await Api.TrySignInAsync(Api.Alice.Address, Api.Alice);
        var newKey = await Api.TrySignInAsync(Api.Alice.Address, Api.Erin);
        var byNewOwner = await Api.GetAsync($"/api/wallets/{Alice}", newKey["token"]);

        Assert.Equal(("AwaitingApprovals", "Low"), (submitted["status"], submitted["risk"])); // the device and country of a sign-in: no signal
        Assert.False(submitted.Body.TryGetProperty("deviceFingerprintHash", out _)); // private: operators only
        Assert.Equal("1", first.Body.GetProperty("approvals").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((HttpStatusCode.Conflict, "duplicate_approval"), (again.Status, again.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_signature"), (forged.Status, forged.Code));
        Assert.Equal("Timelocked", locked["status"]);
        Assert.Equal(Api.Erin.Address.ToString(), done["newOwner"]);
        Assert.Contains(done.Body.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "finalized");
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (byOldSession.Status, byOldSession.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "bad_signature"), (oldKey.Status, oldKey.Code));
        Assert.Equal(HttpStatusCode.OK, newKey.Status);
        Assert.Equal(Api.Erin.Address.ToString(), byNewOwner["owner"]);
        Assert.True(byNewOwner.Body.TryGetProperty("signIns", out _)); // the new owner's session is the wallet's own
    }

    [Fact]
    public async Task A_session_a_recovery_revoked_reads_neither_itself_nor_the_sign_in_history()
    {
        var oldSession = await GuardedAliceAsync();
        var before = await Api.GetAsync($"/api/wallets/{Alice}", oldSession);
        var submitted = await Api.PostAsync("/api/recoveries", new { requestId = "r4", wallet = Alice, newOwner = Api.Erin.Address.ToString(), deviceFingerprint = "laptop-1", geo = "DE" });
        foreach (var guardian in new[] { Api.Bob, Api.Carol })
        {
            var approved = await Api.PostAsync("/api/recoveries/r4/approvals",
                new { guardian = guardian.Address.ToString(), signature = Sign(guardian, submitted["signingMessage"]!) });
            Assert.Equal(HttpStatusCode.OK, approved.Status);
        }

        await FinalizeAsync("r4");
        var session = await Api.GetAsync("/api/auth/session", oldSession);
        var history = await Api.GetAsync($"/api/wallets/{Alice}", oldSession);
        var anonymous = await Api.GetAsync($"/api/wallets/{Alice}");
        var byOperator = await Api.GetAsync($"/api/wallets/{Alice}", asOperator: true);

        Assert.True(before.Body.TryGetProperty("signIns", out _)); // the history the session read before
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (session.Status, session.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (history.Status, history.Code));
        Assert.False(history.Body.TryGetProperty("signIns", out _));
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);
        Assert.False(anonymous.Body.TryGetProperty("signIns", out _));
        Assert.True(byOperator.Body.TryGetProperty("signIns", out _));
    }

    [Fact]
    public async Task A_high_risk_request_waits_for_an_operators_review_and_the_owner_cancels_it()
    {
        await GuardedAliceAsync();

        var submitted = await Api.PostAsync("/api/recoveries", new { requestId = "r2", wallet = Alice, newOwner = Api.Erin.Address.ToString(), deviceFingerprint = "phone-9", geo = "FR" });
        var message = submitted["signingMessage"]!;
        await Api.PostAsync("/api/recoveries/r2/approvals", new { guardian = Api.Bob.Address.ToString(), signature = Sign(Api.Bob, message) });
        var waiting = await Api.PostAsync("/api/recoveries/r2/approvals", new { guardian = Api.Carol.Address.ToString(), signature = Sign(Api.Carol, message) });
        var reviewByStranger = await Api.PostAsync("/api/recoveries/r2/review", new { approve = true });
        var reviewed = await Api.PostAsync("/api/recoveries/r2/review", new { approve = true }, asOperator: true);
        var asOperator = await Api.GetAsync("/api/recoveries/r2", asOperator: true);
        var cancelled = await Api.PostAsync("/api/recoveries/r2/cancel", new { signature = Sign(Api.Alice, submitted["cancelMessage"]!) });

        Assert.Equal("High", submitted["risk"]);
        Assert.Contains("new_device", submitted.Body.GetProperty("riskReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("AwaitingReview", waiting["status"]);
        Assert.Equal((HttpStatusCode.Unauthorized, "operator_key_required"), (reviewByStranger.Status, reviewByStranger.Code));
        Assert.Equal("Timelocked", reviewed["status"]);
        Assert.Equal("FR", asOperator["geo"]);
        Assert.Matches("^0x[0-9a-f]{64}$", asOperator["deviceFingerprintHash"]);
        Assert.Equal("Cancelled", cancelled["status"]);
    }

    [Fact]
    public async Task A_request_id_taken_by_another_submission_is_409_and_an_unknown_request_is_404()
    {
        await GuardedAliceAsync();

        var first = await Api.PostAsync("/api/recoveries", new { requestId = "r3", wallet = Alice, newOwner = Api.Erin.Address.ToString() });
        var repeat = await Api.PostAsync("/api/recoveries", new { requestId = "r3", wallet = Alice, newOwner = Api.Erin.Address.ToString() });
        var other = await Api.PostAsync("/api/recoveries", new { requestId = "r3", wallet = Alice, newOwner = Api.Dave.Address.ToString() });
        var unknown = await Api.GetAsync("/api/recoveries/nothing-here");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first["signingMessage"], repeat["signingMessage"]);
        Assert.Equal((HttpStatusCode.Conflict, "recovery_conflict"), (other.Status, other.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unknown.Status, unknown.Code));
    }

    // Alice signs in from her laptop in Germany, names Bob, Carol and Dave her guardians (2 of 3), and her account ages 8 days.
    private async Task<string> GuardedAliceAsync()
    {
        var session = await Api.SignInAsync(Api.Alice, new { deviceFingerprint = "laptop-1", geo = "DE" });
        var guardians = await Api.PutAsync($"/api/wallets/{Alice}/guardians",
            new { guardians = new[] { Api.Bob.Address.ToString(), Api.Carol.Address.ToString(), Api.Dave.Address.ToString() }, threshold = 2 }, session);
        Assert.Equal(HttpStatusCode.OK, guardians.Status);
        Time.Advance(TimeSpan.FromDays(8));
        return session;
    }

    // Lets the timelock run out. Orleans loads a reminder shortly before it is due and delivers it on its period: the clock runs
    // on while we wait.
    private async Task FinalizeAsync(string requestId)
    {
        Time.Advance(TimeSpan.FromHours(48));
        await Wait.UntilAsync(async () =>
        {
            Time.Advance(TimeSpan.FromSeconds(30));
            return (await Api.GetAsync($"/api/recoveries/{requestId}"))["status"] == "Finalized";
        }, "the recovery to finalize");
    }

    private static string Sign(PrivateKey key, string message) => PersonalSign.Sign(key, message).ToString();
}
