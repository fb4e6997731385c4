using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Client.Tests.Cluster;

/// <summary>The commands over REST (<c>--http</c>) against the real silo host: operator routes, idempotency, problems, and sign-in with a key.</summary>
public sealed class RestSiloTests : IAsyncLifetime
{
    private const string Url = "http://localhost/";
    private readonly RestSilo _silo = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Pool_create_fund_and_show_over_rest_and_a_repeated_idempotency_key_funds_once()
    {
        var created = await RunAsync("pool", "create", "rest-pool", "--rate", "5", "--operator-key", RestSilo.OperatorKey);
        var funded = await RunAsync("pool", "fund", "rest-pool", "--amount", "1000", "--op", "fund-1", "--operator-key", RestSilo.OperatorKey);
        var repeated = await RunAsync("pool", "fund", "rest-pool", "--amount", "1000", "--op", "fund-1", "--operator-key", RestSilo.OperatorKey);
        var shown = await RunAsync("pool", "show", "rest-pool");

        Assert.Equal("rest-pool", created["poolId"]);
        Assert.Equal("5", created["ratePerSecond"]);
        Assert.Equal("1000", funded["budget"]);
        Assert.Equal(funded["budget"], repeated["budget"]);
        Assert.Equal("1000", shown["budget"]);
        Assert.Equal(RestSilo.OperatorKey, _silo.Recorder.Requests[0].Header("X-Operator-Key"));
        Assert.Empty(created.Errors + funded.Errors + repeated.Errors + shown.Errors);
    }

    [Fact]
    public async Task A_wrong_operator_key_other_terms_and_a_missing_pool_are_problems_that_exit_1()
    {
        var wrongKey = await RunAsync("pool", "create", "rest-terms", "--rate", "5", "--operator-key", "not-the-key");
        Assert.Equal(0, (await RunAsync("pool", "create", "rest-terms", "--rate", "5", "--operator-key", RestSilo.OperatorKey)).Exit);
        var otherTerms = await RunAsync("pool", "create", "rest-terms", "--rate", "6", "--operator-key", RestSilo.OperatorKey);
        var missing = await RunAsync("pool", "show", "rest-no-such-pool");

        Assert.Equal(1, wrongKey.Exit);
        Assert.StartsWith("401 operator_key_required: ", wrongKey.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-key", wrongKey.Errors, StringComparison.Ordinal);
        Assert.Equal(1, otherTerms.Exit);
        Assert.StartsWith("409 pool_exists: ", otherTerms.Errors, StringComparison.Ordinal);
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("404 not_found: Pool 'rest-no-such-pool' does not exist.", missing.Errors, StringComparison.Ordinal);
        Assert.Empty(wrongKey.Output + otherTerms.Output + missing.Output);
    }

    [Fact]
    public async Task A_wallet_command_with_a_key_signs_in_and_sends_a_session_token_the_silo_accepts_for_the_keys_address()
    {
        var key = Cli.Key(0x9001);
        var services = _silo.ClientServices(new Dictionary<string, string> { ["ACTORS_WALLET_KEY"] = Cli.KeyText(0x9001) });

        // Whatever the stake route answers, the sign-in before it must have worked: its token is checked below.
        var result = await Cli.RunAsync(services, "wallet", "stake", key.Address.ToString(), "--pool", "p1", "--amount", "5", "--http", Url);

        Assert.Equal(
            ["POST /api/auth/nonce", "POST /api/auth/verify", $"POST /api/wallets/{key.Address.ToLowerHex()}/stake"],
            _silo.Recorder.Requests.Select(r => $"{r.Method} {r.Url.AbsolutePath}"));
        var authorization = _silo.Recorder.Requests[2].Header("Authorization")!;
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var token = authorization["Bearer ".Length..];
        Assert.Equal(key.Address.ToString(), (await SessionAsync(token)).GetProperty("address").GetString());
        Assert.DoesNotContain(token, result.Output + result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(Cli.KeyText(0x9001)[^8..], result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wallet_nft_and_recovery_commands_over_rest_act_through_the_keys_session_and_the_routes_authorization()
    {
        var owner = Cli.Key(0x9003);
        var stranger = Cli.Key(0x9004);
        var address = owner.Address.ToString();
        var op = RestSilo.OperatorKey;
        var hash = "0x" + new string('c', 64);
        Assert.Equal(0, (await RunAsync("pool", "create", "rest-stake", "--rate", "5", "--operator-key", op)).Exit);
        Assert.Equal(0, (await RunAsync("nft", "collection", "rest-art", "--name", "Art", "--operator-key", op)).Exit);
        Assert.Equal(0, (await RunAsync("nft", "mint", "rest-art", "1", "--owner", address, "--metadata-hash", hash, "--operator-key", op)).Exit);

        Assert.Equal(0, (await RunAsync("wallet", "deposit", address, "--amount", "40", "--reference", "rest-deposit-1", "--operator-key", op)).Exit);
        var staked = await RunAsync("wallet", "stake", address, "--pool", "rest-stake", "--amount", "40", "--key", Cli.KeyText(0x9003));
        var byStranger = await RunAsync("wallet", "stake", address, "--pool", "rest-stake", "--amount", "1", "--key", Cli.KeyText(0x9004));
        var strangerMoves = await RunAsync("nft", "transfer", "rest-art", "1", "--to", stranger.Address.ToString(), "--key", Cli.KeyText(0x9004));
        var moved = await RunAsync("nft", "transfer", "rest-art", "1", "--to", stranger.Address.ToString(), "--key", Cli.KeyText(0x9003));
        var shown = await RunAsync("wallet", "show", address);
        var submitted = await RunAsync("recovery", "submit", "rest-r1", "--wallet", address, "--new-owner", stranger.Address.ToString());

        Assert.Equal("40", staked["staked"]);
        Assert.Equal(1, byStranger.Exit);
        Assert.StartsWith("403 not_authorized: ", byStranger.Errors, StringComparison.Ordinal);
        Assert.Equal(1, strangerMoves.Exit);
        Assert.StartsWith("403 not_authorized: ", strangerMoves.Errors, StringComparison.Ordinal);
        Assert.Equal(stranger.Address.ToString(), moved["owner"]);
        Assert.Equal("40", shown.Json.GetProperty("positions")[0].GetProperty("staked").GetString());
        Assert.Equal(1, submitted.Exit); // the wallet has no guardians
        Assert.StartsWith("409 no_guardians: ", submitted.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_token_is_sent_as_is_and_no_sign_in_happens()
    {
        var result = await Cli.RunAsync(_silo.ClientServices(), "wallet", "claim", Cli.Address(0x9002).ToString(), "--pool", "p1", "--token", "given-token", "--key", Cli.KeyText(0x9002), "--http", Url);

        var request = Assert.Single(_silo.Recorder.Requests);
        Assert.Equal("Bearer given-token", request.Header("Authorization"));
        Assert.NotEqual(0, result.Exit); // no such session (or no such route yet): the silo refuses
    }

    private Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(_silo.ClientServices(), [.. args, "--http", Url]);

    private async Task<JsonElement> SessionAsync(string token)
    {
        using var client = _silo.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/auth/session", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
