using System.Globalization;
using System.Net;
using Actors.Domain.Ethereum;

namespace Actors.Silo.Tests;

/// <summary>
/// Every validation rule of the routes: each bad input is a 400 (413 for an oversized body) naming the field, with a stable
/// code, before any grain changes, so the cluster's state reads the same before and after.
/// </summary>
public sealed class ValidationTests(ValidationTests.World world) : IClassFixture<ValidationTests.World>
{
    private const string Huge = "115792089237316195423570985008687907853269984665640564039457584007913129639936"; // 2^256
    private const string Above128 = "340282366920938463463374607431768211456"; // 2^128
    private const string BadChecksum = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"; // EIP-55 says 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed
    private const string Hash = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Bob = "0x0000000000000000000000000000000000000b0b";
    private const string Zero = "0x0000000000000000000000000000000000000000";

    public enum As
    {
        Nobody,
        Alice,
        Operator,
    }

    public static TheoryData<string, string, string, As, string> BadInputs() => new()
    {
        // amounts: non-negative integers below 2^256, as decimal strings
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"-1"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"abc"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"1.5"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"0x10"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", $$"""{"poolId":"p","amount":"{{Huge}}"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"0"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":100}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/unstake", """{"poolId":"p","amount":"-5"}""", As.Alice, "amount" },
        { "POST", "/api/pools/p/fund", """{"amount":"1e18"}""", As.Operator, "amount" },
        { "POST", "/api/collections/c/revenue", """{"amount":"-1"}""", As.Operator, "amount" },
        { "PUT", "/api/pools/q", """{"ratePerSecond":"ten"}""", As.Operator, "ratePerSecond" },

        // balances and pool bounds: amounts 1 to 2^128-1, asset codes, unique references, no payment to the zero address
        { "POST", "/api/wallets/{alice}/deposits", """{"asset":"stake","amount":"1","reference":"r-9"}""", As.Operator, "asset" },
        { "POST", "/api/wallets/{alice}/deposits", """{"asset":"STAKE","amount":"0","reference":"r-9"}""", As.Operator, "amount" },
        { "POST", "/api/wallets/{alice}/deposits", $$"""{"asset":"STAKE","amount":"{{Above128}}","reference":"r-9"}""", As.Operator, "amount" },
        { "POST", "/api/wallets/{alice}/deposits", """{"asset":"STAKE","amount":"1"}""", As.Operator, "reference" },
        { "POST", "/api/wallets/{alice}/deposits", """{"asset":"STAKE","amount":"1","reference":"has space"}""", As.Operator, "reference" },
        { "POST", "/api/wallets/{alice}/withdrawals", """{"asset":"STAKE","amount":"1","to":"0x0000000000000000000000000000000000000000"}""", As.Alice, "to" },
        { "POST", "/api/wallets/{alice}/withdrawals", $$"""{"asset":"STAKE","amount":"0","to":"{{Bob}}"}""", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/withdrawals", $$"""{"asset":"S T","amount":"1","to":"{{Bob}}"}""", As.Alice, "asset" },
        { "PUT", "/api/pools/q", $$"""{"ratePerSecond":"{{Above128}}"}""", As.Operator, "ratePerSecond" },
        { "PUT", "/api/pools/q", """{"ratePerSecond":"1","startsAt":"1969-12-31T23:59:59Z"}""", As.Operator, "startsAt" },
        { "PUT", "/api/pools/q", """{"ratePerSecond":"1","stakeAsset":"lower"}""", As.Operator, "stakeAsset" },
        { "POST", "/api/pools/p/fund", $$"""{"amount":"{{Above128}}"}""", As.Operator, "amount" },

        // ids
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"a pool","amount":"1"}""", As.Alice, "poolId" },
        { "POST", "/api/wallets/{alice}/claim", """{"poolId":""}""", As.Alice, "poolId" },
        { "POST", "/api/wallets/{alice}/dividends/claim", """{"collectionId":"c/1"}""", As.Alice, "collectionId" },
        { "POST", "/api/collections/c/tokens", $$"""{"tokenId":"01","owner":"{{Bob}}","metadataHash":"{{Hash}}"}""", As.Operator, "tokenId" },
        { "POST", "/api/collections/c/tokens", $$"""{"tokenId":"-1","owner":"{{Bob}}","metadataHash":"{{Hash}}"}""", As.Operator, "tokenId" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r 2","wallet":"{alice}","newOwner":"{{Bob}}"}""", As.Nobody, "requestId" },
        { "PUT", "/api/collections/c", """{"name":""}""", As.Operator, "name" },

        // addresses: 0x and 40 hex digits, EIP-55 checked in mixed case
        { "POST", "/api/collections/c/tokens/1/transfer", $$"""{"to":"{{BadChecksum}}"}""", As.Alice, "to" },
        { "POST", "/api/collections/c/tokens/1/transfer", """{"to":"0x1234"}""", As.Alice, "to" },
        { "POST", "/api/collections/c/tokens/1/transfer", """{"to":"0xzz00000000000000000000000000000000000000"}""", As.Alice, "to" },
        { "POST", "/api/collections/c/tokens/1/approve", $$"""{"approved":"{{BadChecksum}}"}""", As.Alice, "approved" },
        { "POST", "/api/collections/c/tokens", $$"""{"tokenId":"9","owner":"{{BadChecksum}}","metadataHash":"{{Hash}}"}""", As.Operator, "owner" },
        { "PUT", "/api/wallets/{alice}/guardians", $$"""{"guardians":["{{Bob}}","0x12"],"threshold":1}""", As.Alice, "guardians[1]" },
        { "PUT", "/api/wallets/{alice}/operators", $$"""{"collectionId":"c","operator":"{{BadChecksum}}","approved":true}""", As.Alice, "operator" },
        { "PUT", "/api/wallets/{alice}/operators", $$"""{"collectionId":"c","operator":"{{Bob}}"}""", As.Alice, "approved" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{{BadChecksum}}","newOwner":"{{Bob}}"}""", As.Nobody, "wallet" },
        { "POST", "/api/recoveries", """{"requestId":"r2","wallet":"{alice}","newOwner":"{alice}"}""", As.Nobody, "newOwner" },
        { "POST", "/api/wallets/0x12/stake", """{"poolId":"p","amount":"1"}""", As.Alice, "address" },
        { "POST", "/api/auth/nonce", $$"""{"address":"{{BadChecksum}}"}""", As.Nobody, "address" },

        // hashes and other fields
        { "POST", "/api/collections/c/tokens", $$"""{"tokenId":"9","owner":"{{Bob}}","metadataHash":"0xaaaa"}""", As.Operator, "metadataHash" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{alice}","newOwner":"{{Bob}}","evidenceHashes":["{{Hash}}","0x1"]}""", As.Nobody, "evidenceHashes[1]" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{alice}","newOwner":"{{Bob}}","geo":"de"}""", As.Nobody, "geo" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{alice}","newOwner":"{{Bob}}","deviceFingerprint":"line\nbreak"}""", As.Nobody, "deviceFingerprint" },
        { "POST", "/api/recoveries/r1/review", "{}", As.Operator, "approve" },
        { "POST", "/api/wallets/{alice}/freeze", """{"reason":"recovery"}""", As.Operator, "reason" },

        // signatures: 65 bytes, v in {27, 28} or {0, 1}, low s
        { "POST", "/api/recoveries/r1/approvals", $$"""{"guardian":"{{Bob}}","signature":"0x1234"}""", As.Nobody, "signature" },
        { "POST", "/api/recoveries/r1/approvals", $$"""{"guardian":"{{Bob}}","signature":"{sig-v29}"}""", As.Nobody, "signature" },
        { "POST", "/api/recoveries/r1/approvals", $$"""{"guardian":"{{Bob}}","signature":"{sig-high-s}"}""", As.Nobody, "signature" },
        { "POST", "/api/recoveries/r1/cancel", """{"signature":"not hex"}""", As.Nobody, "signature" },
        { "POST", "/api/auth/verify", """{"message":"{sign-in}","signature":"{sig-high-s}"}""", As.Nobody, "signature" },

        // duplicate keys: refused, never "the last one wins"
        { "POST", "/api/pools/p/fund", """{"amount":"1","amount":"999999"}""", As.Operator, "amount" },
        { "POST", "/api/pools/p/fund", """{"amount":"1","Amount":"999999"}""", As.Operator, "Amount" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p","amount":"1","poolId":"q"}""", As.Alice, "poolId" },
        { "PUT", "/api/pools/q", """{"ratePerSecond":"1","endsAt":"2031-01-01T00:00:00Z","endsAt":"2032-01-01T00:00:00Z"}""", As.Operator, "endsAt" },

        // the zero address, where it would burn or name nobody
        { "POST", "/api/collections/c/tokens", $$"""{"tokenId":"9","owner":"{{Zero}}","metadataHash":"{{Hash}}"}""", As.Operator, "owner" },
        { "POST", "/api/collections/c/tokens/1/transfer", $$"""{"to":"{{Zero}}"}""", As.Alice, "to" },
        { "POST", "/api/collections/c/tokens/1/approve", $$"""{"approved":"{{Zero}}"}""", As.Alice, "approved" },
        { "PUT", "/api/wallets/{alice}/guardians", $$"""{"guardians":["{{Bob}}","{{Zero}}"],"threshold":1}""", As.Alice, "guardians[1]" },
        { "PUT", "/api/wallets/{alice}/operators", $$"""{"collectionId":"c","operator":"{{Zero}}","approved":true}""", As.Alice, "operator" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{alice}","newOwner":"{{Zero}}"}""", As.Nobody, "newOwner" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{{Zero}}","newOwner":"{{Bob}}"}""", As.Nobody, "wallet" },
        { "POST", "/api/recoveries/r1/approvals", $$"""{"guardian":"{{Zero}}","signature":"{sig-v29}"}""", As.Nobody, "guardian" },

        // invisible characters: controls, bidirectional overrides and isolates, zero-width and other format characters
        { "PUT", "/api/collections/d", """{"name":"Gen\u202Esis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gen\u2066sis\u2069"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gen\u200Bsis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gen\u200Dsis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gen\u200Fsis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"\uFEFFGenesis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gene\u2028sis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gene\u0007sis"}""", As.Operator, "name" },
        { "PUT", "/api/collections/d", """{"name":"Gene\uD800sis"}""", As.Operator, "name" },
        { "PUT", "/api/pools/q%E2%80%AE", """{"ratePerSecond":"1"}""", As.Operator, "poolId" },
        { "POST", "/api/wallets/{alice}/stake", """{"poolId":"p\u200B","amount":"1"}""", As.Alice, "poolId" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r\u202E2","wallet":"{alice}","newOwner":"{{Bob}}"}""", As.Nobody, "requestId" },
        { "POST", "/api/wallets/{alice}/deposits", """{"asset":"STAKE","amount":"1","reference":"r\u200D9"}""", As.Operator, "reference" },
        { "POST", "/api/recoveries", $$"""{"requestId":"r2","wallet":"{alice}","newOwner":"{{Bob}}","deviceFingerprint":"dev\u2067ice"}""", As.Nobody, "deviceFingerprint" },

        // bodies that are not the route's JSON
        { "POST", "/api/wallets/{alice}/stake", "{\"poolId\":\"p\",\"amount\":", As.Alice, "amount" },
        { "POST", "/api/wallets/{alice}/stake", "not json", As.Alice, "body" },
        { "POST", "/api/wallets/{alice}/stake", "{big}", As.Alice, "body" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_input_is_refused_naming_the_field_and_changes_nothing(string method, string path, string body, As caller, string field)
    {
        var api = world.Api;
        var before = await world.SnapshotAsync();

        var reply = await api.SendAsync(new HttpMethod(method), world.Fill(path), world.Fill(body),
            caller == As.Alice ? world.AliceToken : null, caller == As.Operator);

        Assert.Equal(body == "{big}" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Contains(reply.Code, body == "{big}" ? ["payload_too_large"] : new[] { "validation_failed", "malformed_request" });
        Assert.True(reply.Names(field), $"the problem names '{field}': {reply.Body}");
        Assert.Equal(before, await world.SnapshotAsync());
    }

    /// <summary>A cluster with a pool Alice stakes in, a collection with her token, her guardians and a recovery under way; the clock stands still.</summary>
    public sealed class World : IAsyncLifetime
    {
        private const string OperatorKey = "validation-operator-key-0123456789abcdef";
        private readonly SiloFactory _factory = new();
        private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        private string _signIn = "";

        public Api Api { get; private set; } = null!;

        public string AliceToken { get; private set; } = "";

        private static string Alice => Api.Alice.Address.ToString();

        public async Task InitializeAsync()
        {
            _factory.Settings["Gateway:OperatorKey"] = OperatorKey;
            _factory.Configure = builder => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder,
                s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, _time));
            Api = new Api(_factory.CreateClient(), OperatorKey);
            AliceToken = await Api.SignInAsync(Api.Alice);
            var start = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            Ok(await Api.PutAsync("/api/pools/p", new { ratePerSecond = "1000", startsAt = start }, asOperator: true));
            Ok(await Api.PostAsync("/api/pools/p/fund", new { amount = "1000000" }, asOperator: true));
            Ok(await Api.DepositAsync(Api.Alice.Address, "1000", reference: "deposit-1"));
            Ok(await Api.PostAsync($"/api/wallets/{Alice}/stake", new { poolId = "p", amount = "100" }, AliceToken));
            Ok(await Api.PutAsync("/api/collections/c", new { name = "Genesis" }, asOperator: true));
            Ok(await Api.PostAsync("/api/collections/c/tokens", new { tokenId = "1", owner = Alice, metadataHash = Hash }, asOperator: true));
            Ok(await Api.PutAsync($"/api/wallets/{Alice}/guardians",
                new { guardians = new[] { Api.Bob.Address.ToString(), Api.Carol.Address.ToString(), Api.Dave.Address.ToString() } }, AliceToken));
            Ok(await Api.PostAsync("/api/recoveries", new { requestId = "r1", wallet = Alice, newOwner = Api.Erin.Address.ToString() }));
            var nonce = await Api.PostAsync("/api/auth/nonce", new { address = Alice });
            _signIn = nonce["message"]!;
        }

        public async Task DisposeAsync()
        {
            Api.Client.Dispose();
            await _factory.DisposeAsync();
        }

        /// <summary>What the routes show of the state a bad request might touch.</summary>
        public async Task<string> SnapshotAsync()
        {
            string[] reads =
            [
                $"/api/wallets/{Alice}", "/api/pools/p", "/api/pools/q", "/api/collections/c", "/api/collections/c/tokens/1",
                "/api/collections/c/tokens/9", "/api/collections/d", "/api/recoveries/r1", "/api/recoveries/r2", $"/api/wallets/{Bob}",
                $"/api/wallets/{Alice}/withdrawals",
            ];
            var replies = new List<string>();
            foreach (var path in reads)
            {
                var reply = await Api.GetAsync(path, AliceToken, asOperator: true);
                replies.Add($"{path} {(int)reply.Status} {(reply.Status == HttpStatusCode.OK ? reply.Body : reply.Code)}");
            }

            return string.Join('\n', replies);
        }

        /// <summary>Fills the placeholders of a table row.</summary>
        public string Fill(string text)
        {
            var signature = PersonalSign.Sign(Api.Bob, "m").ToArray();
            var v29 = (byte[])signature.Clone();
            v29[64] = 29;
            var highS = (byte[])signature.Clone();
            highS[32] = 0xff; // s above half the group order
            return text.Replace("{alice}", Alice, StringComparison.Ordinal)
                .Replace("{sig-v29}", "0x" + Convert.ToHexStringLower(v29), StringComparison.Ordinal)
                .Replace("{sig-high-s}", "0x" + Convert.ToHexStringLower(highS), StringComparison.Ordinal)
                .Replace("{sign-in}", _signIn.Replace("\n", "\\n", StringComparison.Ordinal), StringComparison.Ordinal)
                .Replace("{big}", $$"""{"poolId":"p","amount":"1","pad":"{{new string('x', 70_000)}}"}""", StringComparison.Ordinal);
        }

        private static void Ok(Reply reply) => Assert.True(reply.Status == HttpStatusCode.OK, reply.Body.ToString());
    }
}
