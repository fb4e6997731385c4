using System.Globalization;
using System.Net;
using Actors.Domain.Ethereum;
using Actors.Testing;

namespace Actors.Silo.Tests;

/// <summary>
/// A user's whole journey through REST only, against the host in memory and against a real Silo process: sign in, deposit, stake,
/// claim, mint, collect and claim dividends, transfer, set guardians, and a recovery that hands the wallet to a new key.
/// </summary>
public sealed class JourneyTests
{
    private const string OperatorKey = "journey-operator-key-0123456789abcdef";
    private const string Metadata = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    // No timelock, so that the journey finishes in real time; rate limits stay on (the defaults) in the process.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Gateway:OperatorKey"] = OperatorKey,
        ["Recovery:Delay"] = "00:00:00",
        ["Recovery:HighRiskDelay"] = "00:00:00",
    };

    [Fact]
    public async Task The_whole_journey_through_the_host_in_memory()
    {
        await using var factory = new SiloFactory();
        foreach (var (key, value) in Settings)
        {
            factory.Settings[key] = value;
        }

        using var client = factory.CreateClient();
        await JourneyAsync(new Api(client, OperatorKey));
    }

    [Fact]
    public async Task The_whole_journey_through_a_real_silo_process()
    {
        var data = Directory.CreateTempSubdirectory("journey-");
        try
        {
            await using var silo = SiloProcess.Start(new Dictionary<string, string>(Settings)
            {
                ["Storage:Provider"] = "sqlite",
                ["Storage:Path"] = data.FullName,
            });
            await silo.WaitReadyAsync();
            using var client = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(30) };
            await JourneyAsync(new Api(client, OperatorKey));
            Assert.DoesNotContain(OperatorKey, silo.Output, StringComparison.Ordinal); // secrets never reach the logs
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task JourneyAsync(Api api)
    {
        var alice = Api.Alice.Address.ToString();
        var bob = Api.Bob.Address.ToString();

        // An operator opens a pool emitting 1e18 a second; Alice signs in from her laptop and stakes.
        Ok(await api.PutAsync("/api/pools/journey", new { ratePerSecond = "1000000000000000000" }, asOperator: true));
        Ok(await api.PostAsync("/api/pools/journey/fund", new { amount = "1000000000000000000000000" }, asOperator: true, idempotencyKey: "fund-journey"));
        var session = await api.SignInAsync(Api.Alice, new { deviceFingerprint = "alice-laptop", geo = "DE" });
        await api.DepositAsync(Api.Alice.Address, "500", reference: "0x1111111111111111111111111111111111111111111111111111111111111111:0");
        var staked = Ok(await api.PostAsync($"/api/wallets/{alice}/stake", new { poolId = "journey", amount = "500" }, session, idempotencyKey: "stake-1"));
        Assert.Equal("500", staked["staked"]);

        // Rewards accrue with time; a claim pays what accrued, and the pool counts it as claimed.
        await Wait.UntilAsync(async () => Amount((await api.GetAsync($"/api/wallets/{alice}"))["claimable"]) > 0, "rewards to accrue");
        var claim = Ok(await api.PostAsync($"/api/wallets/{alice}/claim", new { poolId = "journey" }, session, idempotencyKey: "claim-1"));
        var paid = Amount(claim["amount"]);
        var pool = Ok(await api.GetAsync("/api/pools/journey"));
        Assert.True(paid > 0);
        Assert.Equal(paid, Amount(pool["claimed"]));

        // An operator mints Alice a token and deposits revenue; Alice claims the dividend, then gives the token to Bob.
        Ok(await api.PutAsync("/api/collections/art", new { name = "Art" }, asOperator: true));
        Ok(await api.PostAsync("/api/collections/art/tokens", new { tokenId = "1", owner = alice, metadataHash = Metadata }, asOperator: true));
        Ok(await api.PostAsync("/api/collections/art/revenue", new { amount = "3000" }, asOperator: true, idempotencyKey: "revenue-1"));
        var dividend = Ok(await api.PostAsync($"/api/wallets/{alice}/dividends/claim", new { collectionId = "art" }, session));
        var moved = Ok(await api.PostAsync("/api/collections/art/tokens/1/transfer", new { to = bob }, session));
        Assert.Equal("3000", dividend["amount"]);
        Assert.Equal(bob, moved["owner"]);

        // Alice names three guardians; she loses her key; two guardians hand the wallet to Erin's key.
        Ok(await api.PutAsync($"/api/wallets/{alice}/guardians",
            new { guardians = new[] { bob, Api.Carol.Address.ToString(), Api.Dave.Address.ToString() }, threshold = 2 }, session));
        var submitted = Ok(await api.PostAsync("/api/recoveries",
            new { requestId = "journey-recovery", wallet = alice, newOwner = Api.Erin.Address.ToString(), deviceFingerprint = "alice-laptop", geo = "DE" }));
        var message = submitted["signingMessage"]!;
        Ok(await api.PostAsync("/api/recoveries/journey-recovery/approvals", new { guardian = bob, signature = Sign(Api.Bob, message) }));
        Ok(await api.PostAsync("/api/recoveries/journey-recovery/approvals", new { guardian = Api.Carol.Address.ToString(), signature = Sign(Api.Carol, message) }));
        await Wait.UntilAsync(async () => (await api.GetAsync("/api/recoveries/journey-recovery"))["status"] == "Finalized", "the recovery to finalize");

        // Alice's old sessions end; her old key no longer signs in; Erin's key signs in for the wallet and controls it.
        var old = await api.PostAsync($"/api/wallets/{alice}/unstake", new { poolId = "journey", amount = "1" }, session);
        var oldKey = await api.TrySignInAsync(Api.Alice.Address, Api.Alice);
        var erin = Ok(await api.TrySignInAsync(Api.Alice.Address, Api.Erin))["token"];
        var unstaked = Ok(await api.PostAsync($"/api/wallets/{alice}/unstake", new { poolId = "journey", amount = "500" }, erin));
        var wallet = Ok(await api.GetAsync($"/api/wallets/{alice}", erin));
        Assert.Equal((HttpStatusCode.Unauthorized, "session_revoked"), (old.Status, old.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "bad_signature"), (oldKey.Status, oldKey.Code));
        Assert.Equal("0", unstaked["staked"]);
        Assert.Equal(Api.Erin.Address.ToString(), wallet["owner"]);
        Assert.Equal("False", wallet["frozen"]);
    }

    private static Reply Ok(Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"{(int)reply.Status}: {reply.Body}");
        return reply;
    }

    private static decimal Amount(string? text) => decimal.Parse(text!, CultureInfo.InvariantCulture);

    private static string Sign(PrivateKey key, string message) => PersonalSign.Sign(key, message).ToString();
}
