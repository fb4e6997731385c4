using System.Net;
using System.Text.Json;
using Actors.Domain.Ethereum;

namespace Actors.Client.Tests.Cluster;

/// <summary>The REST requests the commands send with <c>--http</c> (method, path, credential, Idempotency-Key, body), and how answers are printed.</summary>
public sealed class HttpRequestTests : IDisposable
{
    private const string Url = "http://silo.test/base/";
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly string Wallet = Cli.Address(0x8001).ToString(), Other = Cli.Address(0x8002).ToString();
    private static readonly string WalletKey = Cli.Address(0x8001).ToLowerHex(), OtherKey = Cli.Address(0x8002).ToLowerHex();
    private readonly RecordingHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    public static TheoryData<string[], string, string, string, string?> Requests => new()
    {
        // args, method, path, credential (operator, bearer or none), body
        { ["wallet", "stake", Wallet, "--pool", "p1", "--amount", "1000"], "POST", $"/base/api/wallets/{WalletKey}/stake", "bearer", """{"poolId":"p1","amount":"1000"}""" },
        { ["wallet", "unstake", Wallet, "--pool", "p1", "--amount", "7"], "POST", $"/base/api/wallets/{WalletKey}/unstake", "bearer", """{"poolId":"p1","amount":"7"}""" },
        { ["wallet", "claim", Wallet, "--pool", "p1"], "POST", $"/base/api/wallets/{WalletKey}/claim", "bearer", """{"poolId":"p1"}""" },
        { ["wallet", "show", Wallet], "GET", $"/base/api/wallets/{WalletKey}", "bearer", null },
        { ["pool", "create", "p1", "--rate", "5", "--starts-at", "2030-01-01T00:00:00Z"], "PUT", "/base/api/pools/p1", "operator", """{"ratePerSecond":"5","startsAt":"2030-01-01T00:00:00Z","endsAt":null}""" },
        { ["pool", "fund", "p1", "--amount", "99"], "POST", "/base/api/pools/p1/fund", "operator", """{"amount":"99"}""" },
        { ["pool", "show", "p1"], "GET", "/base/api/pools/p1", "none", null },
        { ["nft", "collection", "c1", "--name", "Art"], "PUT", "/base/api/collections/c1", "operator", """{"name":"Art"}""" },
        { ["nft", "mint", "c1", "7", "--owner", Wallet, "--metadata-hash", Hash], "POST", "/base/api/collections/c1/tokens", "operator", $$"""{"tokenId":"7","owner":"{{WalletKey}}","metadataHash":"{{Hash}}"}""" },
        { ["nft", "transfer", "c1", "7", "--to", Other], "POST", "/base/api/collections/c1/tokens/7/transfer", "bearer", $$"""{"to":"{{OtherKey}}"}""" },
        { ["nft", "approve", "c1", "7", "--approved", Other], "POST", "/base/api/collections/c1/tokens/7/approve", "bearer", $$"""{"approved":"{{OtherKey}}"}""" },
        { ["nft", "approve", "c1", "7", "--clear"], "POST", "/base/api/collections/c1/tokens/7/approve", "bearer", """{"approved":null}""" },
        { ["nft", "show", "c1", "7"], "GET", "/base/api/collections/c1/tokens/7", "none", null },
        {
            ["recovery", "submit", "r1", "--wallet", Wallet, "--new-owner", Other, "--device-fingerprint", Hash, "--geo", "DE"], "POST", "/base/api/recoveries", "none",
            $$"""{"requestId":"r1","wallet":"{{WalletKey}}","newOwner":"{{OtherKey}}","deviceFingerprint":"{{Hash}}","geo":"DE"}"""
        },
        { ["recovery", "show", "r1"], "GET", "/base/api/recoveries/r1", "none", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Each_command_sends_its_route_credential_operation_id_and_body_and_prints_the_answer(
        string[] args, string method, string path, string credential, string? body)
    {
        var changesState = method != "GET";
        string[] token = credential == "bearer" ? ["--token", "session-1"] : [], operation = changesState ? ["--op", "op-1"] : [];

        var result = await RunAsync([.. args, .. token, .. operation]);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal((method, path), (request.Method, request.Url.AbsolutePath));
        Assert.Equal(credential == "operator" ? "operator-1" : null, request.Header("X-Operator-Key"));
        Assert.Equal(credential == "bearer" ? "Bearer session-1" : null, request.Header("Authorization"));
        Assert.Equal(changesState ? "op-1" : null, request.Header("Idempotency-Key"));
        Assert.Equal(body, request.Body);
        Assert.Equal(body is null ? null : "application/json", request.ContentType);
        Assert.Equal(0, result.Exit);
        Assert.True(result.Json.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Credentials_come_from_the_environment_when_no_option_gives_them_and_a_default_operation_id_is_new_each_time()
    {
        var variables = new Dictionary<string, string> { ["ACTORS_TOKEN"] = "from-env", ["ACTORS_OPERATOR_KEY"] = "operator-env" };

        await Cli.RunAsync(Cli.Over(_handler, variables), "wallet", "claim", Wallet, "--pool", "p1", "--http", Url);
        await Cli.RunAsync(Cli.Over(_handler, variables), "wallet", "claim", Wallet, "--pool", "p1", "--http", Url);
        await Cli.RunAsync(Cli.Over(_handler, variables), "pool", "fund", "p1", "--amount", "1", "--http", Url);
        await Cli.RunAsync(Cli.Over(_handler, variables), "wallet", "claim", Wallet, "--pool", "p1", "--http", Url, "--token", "from-option");
        var signIn = await Cli.RunAsync(Cli.Over(_handler, variables), "wallet", "claim", Wallet, "--pool", "p1", "--http", Url, "--key", Cli.KeyText(0x8001));

        Assert.Equal(["Bearer from-env", "Bearer from-env", null, "Bearer from-option", null], _handler.Requests.Select(r => r.Header("Authorization")));
        Assert.Equal("/base/api/auth/nonce", _handler.Requests[4].Url.AbsolutePath); // a key on the command line wins over a token in the environment
        Assert.Equal((1, "the answer to POST /api/auth/nonce has no 'message'"), (signIn.Exit, signIn.Errors.Trim()));
        Assert.Equal("operator-env", _handler.Requests[2].Header("X-Operator-Key"));
        Assert.NotEqual(_handler.Requests[0].Header("Idempotency-Key"), _handler.Requests[1].Header("Idempotency-Key"));
        Assert.Matches("^[0-9a-f]{32}$", _handler.Requests[0].Header("Idempotency-Key")!);
    }

    [Fact]
    public async Task Approve_with_a_key_fetches_the_request_signs_its_message_and_sends_the_guardians_signature()
    {
        var guardian = Cli.Key(0x8061);
        var message = $"Approve the recovery of a wallet\nRequest: r1\nWallet: {Wallet}\nNew owner: {Other}\nRecovery nonce: 0\nChain ID: 1";
        _handler.Answer = request => request.Method == HttpMethod.Get
            ? RecordingHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { requestId = "r1", signingMessage = message }))
            : RecordingHandler.Json(HttpStatusCode.OK, """{"status":"AwaitingApprovals"}""");

        var result = await Cli.RunAsync(Cli.Over(_handler), "recovery", "approve", "r1", "--key", Cli.KeyText(0x8061), "--op", "a-1", "--http", Url);

        Assert.Equal(0, result.Exit);
        Assert.Equal(["GET /base/api/recoveries/r1", "POST /base/api/recoveries/r1/approvals"], _handler.Requests.Select(r => $"{r.Method} {r.Url.AbsolutePath}"));
        var sent = JsonDocument.Parse(_handler.Requests[1].Body!).RootElement;
        Assert.Equal(guardian.Address.ToLowerHex(), sent.GetProperty("guardian").GetString());
        Assert.True(PersonalSign.TryRecover(message, EthereumSignature.Parse(sent.GetProperty("signature").GetString()!), out var signer));
        Assert.Equal(guardian.Address, signer);
        Assert.Equal("a-1", _handler.Requests[1].Header("Idempotency-Key"));
        Assert.DoesNotContain(Cli.KeyText(0x8061)[^8..], result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_with_a_key_signs_nothing_but_the_requests_approval_message()
    {
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, """{"signingMessage":"Transfer everything to Mallory"}""");

        var result = await Cli.RunAsync(Cli.Over(_handler), "recovery", "approve", "r1", "--key", Cli.KeyText(0x8061), "--http", Url);

        Assert.Equal(1, result.Exit);
        Assert.Contains("nothing was signed", result.Errors, StringComparison.Ordinal);
        Assert.Single(_handler.Requests); // the GET only
    }

    [Fact]
    public async Task A_problem_answer_exits_1_with_its_status_code_detail_and_field_errors_on_stderr()
    {
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.BadRequest,
            """{"status":400,"title":"The request has invalid fields.","code":"validation_failed","errors":{"amount":["must be more than zero"],"poolId":["is too long"]}}""",
            "application/problem+json");

        var result = await RunAsync(["wallet", "stake", Wallet, "--pool", "p1", "--amount", "1", "--token", "t"]);

        Assert.Equal(1, result.Exit);
        Assert.Equal(
            ["400 validation_failed: The request has invalid fields.", "  amount: must be more than zero", "  poolId: is too long"],
            result.Errors.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_refusal_prints_its_detail_and_an_answer_that_is_no_problem_prints_the_status()
    {
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.Conflict,
            """{"status":409,"title":"The request was refused.","detail":"Wallet is frozen.","code":"wallet_frozen"}""", "application/problem+json");
        var refused = await RunAsync(["nft", "transfer", "c1", "7", "--to", Other, "--token", "t"]);
        _handler.Answer = _ => new HttpResponseMessage(HttpStatusCode.BadGateway);
        var bare = await RunAsync(["pool", "show", "p1"]);

        Assert.Equal((1, "409 wallet_frozen: Wallet is frozen." + Environment.NewLine), (refused.Exit, refused.Errors));
        Assert.Equal((1, "502 Bad Gateway" + Environment.NewLine), (bare.Exit, bare.Errors));
        Assert.Empty(refused.Output + bare.Output);
    }

    [Fact]
    public async Task The_answer_is_printed_alone_as_indented_json()
    {
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, """{"poolId":"p1","budget":"10"}""");

        var result = await RunAsync(["pool", "show", "p1"]);

        Assert.Equal(["{", "  \"poolId\": \"p1\",", "  \"budget\": \"10\"", "}", ""], result.Output.Split(Environment.NewLine));
        Assert.Empty(result.Errors);
    }

    // The operator key comes from the environment, as the commands that take it may read it.
    private Task<CliResult> RunAsync(string[] args) =>
        Cli.RunAsync(Cli.Over(_handler, new Dictionary<string, string> { ["ACTORS_OPERATOR_KEY"] = "operator-1" }), [.. args, "--http", Url]);
}
