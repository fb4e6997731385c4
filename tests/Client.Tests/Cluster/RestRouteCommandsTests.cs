namespace Actors.Client.Tests.Cluster;

/// <summary>
/// The commands of the routes beyond pools and stakes, over REST against the real silo host: login and session, key and
/// operator key files, freezes and withdrawals, NFT revenue, operators and dividends, guardians, recovery cancel and review.
/// </summary>
public sealed class RestRouteCommandsTests : IAsyncLifetime
{
    private const string Url = "http://localhost/";
    private readonly RestSilo _silo = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("actors-rest-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Login_prints_a_token_for_the_keys_address_that_session_and_wallet_routes_accept()
    {
        var key = Cli.Key(0x9101);
        var login = await RunAsync("login", "--key-file", KeyFile(0x9101));
        var token = login["token"]!;
        var session = await RunAsync("session", "--token", token);
        var fromVariable = await Cli.RunAsync(
            _silo.ClientServices(new Dictionary<string, string> { ["ACTORS_TOKEN"] = token }), "wallet", "withdrawals", key.Address.ToString(), "--http", Url);
        var sent = _silo.Recorder.Requests[^1].Header("Authorization");
        var bogus = await RunAsync("session", "--token", "not-a-token");
        var noKey = await RunAsync("login");
        var withKey = await RunAsync("login", "--key", Cli.KeyText(0x9101)); // as API.md has it: accepted, though it lands in shell history
        var fromKeyVariable = await Cli.RunAsync(
            _silo.ClientServices(new Dictionary<string, string> { ["ACTORS_WALLET_KEY"] = Cli.KeyText(0x9101) }), "login", "--http", Url);

        Assert.Equal(key.Address.ToString(), login["address"]);
        Assert.Equal(key.Address.ToString(), session["address"]);
        Assert.Empty(fromVariable.Json.EnumerateArray());
        Assert.Equal($"Bearer {token}", sent);
        Assert.Equal(1, bogus.Exit);
        Assert.StartsWith("401 ", bogus.Errors, StringComparison.Ordinal);
        Assert.Equal(2, noKey.Exit);
        Assert.StartsWith("--key-file: is required", noKey.Errors, StringComparison.Ordinal);
        Assert.Equal(key.Address.ToString(), withKey["address"]);
        Assert.Equal(key.Address.ToString(), fromKeyVariable["address"]);
        Assert.DoesNotContain(Cli.KeyText(0x9101)[2..], login.Output + login.Errors + withKey.Output + withKey.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_key_file_deposits_and_freezes_and_a_frozen_wallet_withdraws_nothing_until_unfrozen()
    {
        var owner = Cli.Key(0x9102).Address.ToString();
        var to = Cli.Address(0x77).ToString();
        var operatorKey = OperatorKeyFile(RestSilo.OperatorKey);
        var wrongKey = OperatorKeyFile("not-the-operator-key-0123456789abcdef");

        var deposited = await RunAsync("wallet", "deposit", owner, "--amount", "100", "--reference", "file-dep-1", "--operator-key-file", operatorKey);
        var refusedKey = await RunAsync("wallet", "freeze", owner, "--operator-key-file", wrongKey);
        var frozen = await RunAsync("wallet", "freeze", owner, "--reason", "audit", "--operator-key-file", operatorKey);
        var blocked = await RunAsync("wallet", "withdraw", owner, "--amount", "30", "--to", to, "--key-file", KeyFile(0x9102));
        var unfrozen = await RunAsync("wallet", "unfreeze", owner, "--reason", "audit", "--operator-key-file", operatorKey);
        var withdrawn = await RunAsync("wallet", "withdraw", owner, "--amount", "30", "--to", to, "--key-file", KeyFile(0x9102));
        var listed = await RunAsync("wallet", "withdrawals", owner, "--key-file", KeyFile(0x9102));
        var shown = await RunAsync("wallet", "show", owner);

        Assert.Equal(0, deposited.Exit);
        Assert.Equal(1, refusedKey.Exit);
        Assert.StartsWith("401 operator_key_required: ", refusedKey.Errors, StringComparison.Ordinal);
        Assert.True(frozen.Json.GetProperty("frozen").GetBoolean(), frozen.Output);
        Assert.Equal(1, blocked.Exit);
        Assert.StartsWith("423 wallet_frozen: ", blocked.Errors, StringComparison.Ordinal);
        Assert.Empty(blocked.Output);
        Assert.False(unfrozen.Json.GetProperty("frozen").GetBoolean(), unfrozen.Output);
        Assert.Equal("requested", withdrawn["status"]);
        Assert.Equal("30", withdrawn["amount"]);
        Assert.Equal(withdrawn["withdrawalId"], Assert.Single(listed.Json.EnumerateArray()).GetProperty("withdrawalId").GetString());
        Assert.Equal("70", shown.Json.GetProperty("balances").GetProperty("STAKE").GetString());
        Assert.DoesNotContain(RestSilo.OperatorKey, string.Concat(deposited.Output, frozen.Output, refusedKey.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revenue_is_settled_to_the_owner_when_an_operator_it_approved_moves_the_token_and_the_owner_claims_it()
    {
        var (owner, mover) = (Cli.Key(0x9103).Address.ToString(), Cli.Key(0x9104).Address.ToString());
        var op = OperatorKeyFile(RestSilo.OperatorKey);
        Assert.Equal(0, (await RunAsync("nft", "collection", "rest-div", "--name", "Dividends", "--operator-key-file", op)).Exit);
        Assert.Equal(0, (await RunAsync("nft", "mint", "rest-div", "1", "--owner", owner, "--metadata-hash", "0x" + new string('d', 64), "--operator-key-file", op)).Exit);

        var revenue = await RunAsync("nft", "revenue", "rest-div", "--amount", "300", "--operator-key-file", op);
        var strangerMoves = await RunAsync("nft", "transfer", "rest-div", "1", "--to", mover, "--key-file", KeyFile(0x9104));
        var approved = await RunAsync("wallet", "operator", owner, "--collection", "rest-div", "--operator", mover, "--key-file", KeyFile(0x9103));
        var moved = await RunAsync("nft", "transfer", "rest-div", "1", "--to", mover, "--key-file", KeyFile(0x9104));
        var claimed = await RunAsync("wallet", "dividends", owner, "--collection", "rest-div", "--key-file", KeyFile(0x9103));
        var holdings = await RunAsync("wallet", "holdings", owner, "--collection", "rest-div");
        var collection = await RunAsync("nft", "collection-show", "rest-div");

        Assert.Equal("300", revenue["deposited"]);
        Assert.Equal(1, strangerMoves.Exit);
        Assert.StartsWith("403 not_authorized: ", strangerMoves.Errors, StringComparison.Ordinal);
        Assert.Equal(0, approved.Exit);
        Assert.Equal(mover, moved["owner"]);
        Assert.Equal("300", claimed["amount"]);
        Assert.Equal("300", holdings["claimedDividends"]);
        Assert.Empty(holdings.Json.GetProperty("tokens").EnumerateArray());
        Assert.Equal("Dividends", collection["name"]);
        Assert.Equal("1", collection["supply"]);
    }

    [Fact]
    public async Task Guardians_are_set_a_review_needs_a_verdict_and_only_the_owners_signature_cancels_a_recovery()
    {
        var owner = Cli.Key(0x9105).Address.ToString();
        var (first, second) = (Cli.Address(0x9106).ToString(), Cli.Address(0x9107).ToString());
        var guarded = await RunAsync("wallet", "guardians", owner, "--guardian", first, "--guardian", second, "--threshold", "1", "--key-file", KeyFile(0x9105));
        Assert.Equal(0, (await RunAsync("recovery", "submit", "rest-cancel", "--wallet", owner, "--new-owner", Cli.Address(0x9108).ToString())).Exit);

        var noVerdict = await RunAsync("recovery", "review", "rest-cancel", "--operator-key-file", OperatorKeyFile(RestSilo.OperatorKey));
        var badThreshold = await RunAsync("wallet", "guardians", owner, "--guardian", first, "--threshold", "17", "--key-file", KeyFile(0x9105));
        var byStranger = await RunAsync("recovery", "cancel", "rest-cancel", "--key-file", KeyFile(0x9109));
        var cancelled = await RunAsync("recovery", "cancel", "rest-cancel", "--key-file", KeyFile(0x9105));
        var shown = await RunAsync("recovery", "show", "rest-cancel");

        Assert.Equal(2, guarded.Json.GetProperty("guardians").GetArrayLength());
        Assert.Equal(1, guarded.Json.GetProperty("threshold").GetInt32());
        Assert.Equal(2, noVerdict.Exit);
        Assert.StartsWith("--approve: give --approve or --reject", noVerdict.Errors, StringComparison.Ordinal);
        Assert.Equal(2, badThreshold.Exit);
        Assert.StartsWith("--threshold: ", badThreshold.Errors, StringComparison.Ordinal);
        Assert.Equal(1, byStranger.Exit);
        Assert.Contains("bad_signature", byStranger.Errors, StringComparison.Ordinal);
        Assert.Equal("Cancelled", cancelled["status"]);
        Assert.Equal("Cancelled", shown["status"]);
    }

    private Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(_silo.ClientServices(), [.. args, "--http", Url]);

    private string KeyFile(int n)
    {
        var path = Path.Combine(_folder, $"{n:x}.key");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Cli.KeyText(n) + "\n");
        }

        return path;
    }

    private string OperatorKeyFile(string key)
    {
        var path = Path.Combine(_folder, $"operator-{key.Length}-{key[..3]}");
        File.WriteAllText(path, key + "\n");
        return path;
    }
}
