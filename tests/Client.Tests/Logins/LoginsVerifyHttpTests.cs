using System.Net;
using Actors.Client.Tests.Cluster;

namespace Actors.Client.Tests.Logins;

/// <summary><c>logins verify --http --wallet</c>: the export route, the credential it sends, and how a failure ends (exit 2).</summary>
public sealed class LoginsVerifyHttpTests : IDisposable
{
    private const string Url = "http://silo.test/base/";
    private const string Route = $"/base/api/wallets/{LoginExportSample.Wallet}/logins/export";
    private readonly RecordingHandler _handler = new();

    public LoginsVerifyHttpTests() =>
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, LoginExportSample.Json(LoginExportSample.Export()));

    public void Dispose() => _handler.Dispose();

    [Fact]
    public async Task With_a_session_token_it_fetches_the_wallets_export_as_the_wallet_and_verifies_it()
    {
        var result = await RunAsync("--token", "session-1");

        var request = Assert.Single(_handler.Requests);
        Assert.Equal(("GET", Route), (request.Method, request.Url.AbsolutePath));
        Assert.Equal("Bearer session-1", request.Header("Authorization"));
        Assert.Null(request.Header("X-Operator-Key"));
        Assert.Equal((0, "valid: 3 records, 3 included in batches, 0 HMACs checked, 2 batches"), (result.Exit, result.Output.TrimEnd()));
    }

    [Fact]
    public async Task With_the_operator_key_it_sends_it_as_X_Operator_Key_and_checks_the_hmacs()
    {
        var result = await RunAsync("--operator-key", "operator-1", "--hmac-key", "1=" + LoginExportSample.Key1Hex);

        var request = Assert.Single(_handler.Requests);
        Assert.Equal("operator-1", request.Header("X-Operator-Key"));
        Assert.Null(request.Header("Authorization"));
        Assert.Equal((0, "valid: 3 records, 3 included in batches, 2 HMACs checked, 2 batches"), (result.Exit, result.Output.TrimEnd()));
        Assert.DoesNotContain("operator-1", result.Output + result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_supplies_the_credential_when_the_command_line_does_not()
    {
        var services = Cli.Over(_handler, new Dictionary<string, string> { ["ACTORS_OPERATOR_KEY"] = "operator-2" });

        var result = await Cli.RunAsync(services, "logins", "verify", "--http", Url, "--wallet", LoginExportSample.Wallet);

        Assert.Equal(0, result.Exit);
        Assert.Equal("operator-2", Assert.Single(_handler.Requests).Header("X-Operator-Key"));
    }

    [Fact]
    public async Task A_tampered_export_from_the_silo_is_invalid_with_exit_1()
    {
        var export = LoginExportSample.Export();
        var tampered = export with { Records = [.. export.Records.Select(r => r.Sequence == 3 ? r with { Country = "US" } : r)] };
        _handler.Answer = _ => RecordingHandler.Json(HttpStatusCode.OK, LoginExportSample.Json(tampered));

        var result = await RunAsync("--token", "session-1");

        Assert.Equal(1, result.Exit);
        Assert.StartsWith("record 3: ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"code":"unauthorized","detail":"no session"}""", "401 unauthorized: no session")]
    [InlineData(HttpStatusCode.NotFound, "", "404")]
    [InlineData(HttpStatusCode.OK, "not json", "is not JSON")]
    [InlineData(HttpStatusCode.OK, """{"wallet":"0x00000000000000000000000000000000000000cc","records":[]}""", "another wallet")]
    [InlineData(HttpStatusCode.OK, """{"wallet":1}""", "is not a login export")]
    [InlineData(HttpStatusCode.OK, """{"wallet":"0x00000000000000000000000000000000000000bb","wallet":"0x"}""", "Duplicate property")]
    public async Task A_failed_fetch_exits_2_with_a_clear_message(HttpStatusCode status, string body, string message)
    {
        _handler.Answer = _ => RecordingHandler.Json(status, body);

        var result = await RunAsync("--token", "session-1");

        Assert.Equal((2, ""), (result.Exit, result.Output));
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.Contains("--http: ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_silo_exits_2()
    {
        _handler.Answer = _ => throw new HttpRequestException("connection refused");

        var result = await RunAsync("--token", "session-1");

        Assert.Equal(2, result.Exit);
        Assert.Contains("cannot reach", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "--token: is required with --http")]
    [InlineData(new[] { "--token", "t", "--operator-key", "k" }, "not both")]
    [InlineData(new[] { "--token", "t", "--wallet", "0x12" }, "--wallet: ")]
    public async Task Missing_or_conflicting_credentials_or_a_bad_wallet_exit_2_before_any_request(string[] options, string message)
    {
        var result = await RunAsync(options);

        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Http_without_a_wallet_exits_2()
    {
        var result = await Cli.RunAsync(Cli.Over(_handler), "logins", "verify", "--http", Url, "--token", "t");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--wallet: is required", result.Errors, StringComparison.Ordinal);
        Assert.Empty(_handler.Requests);
    }

    private Task<CliResult> RunAsync(params string[] options)
    {
        // A later --wallet replaces this one: the parser keeps the last value of a single-valued option.
        string[] wallet = options.Contains("--wallet") ? [] : ["--wallet", LoginExportSample.Wallet];
        return Cli.RunAsync(Cli.Over(_handler), ["logins", "verify", "--http", Url, .. wallet, .. options]);
    }
}
