using System.Text.Json;
using Actors.Client.Tests.Cluster;

namespace Actors.Client.Tests.LoadTest;

/// <summary>The loadtest command end to end against the real silo host, and its refusals of bad input.</summary>
public sealed class LoadTestCommandTests : IClassFixture<LoadTestSilo>, IDisposable
{
    private readonly LoadTestSilo _silo;
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-").FullName;

    public LoadTestCommandTests(LoadTestSilo silo) => _silo = silo;

    [Fact]
    public async Task Loadtest_SmallRun_ChecksPass_ReportsWritten_No5xx()
    {
        var keyFile = Path.Combine(_folder, "operator.key");
        await File.WriteAllTextAsync(keyFile, LoadTestSilo.OperatorKey + "\n");
        using var handler = _silo.Server.CreateHandler();
        var services = Cli.Over(handler);

        var result = await Cli.RunAsync(
            services, "loadtest", "--wallets", "50", "--duration", "3", "--ramp-up", "1", "--concurrency", "4", "--http", "http://localhost/",
            "--operator-key-file", keyFile, "--mix", "deposit=10,stake=40,claim=15,unstake=15,nft=10,read=10", "--report", _folder);

        Assert.True(result.Exit == 0, $"exit {result.Exit}\n{result.Output}\n{result.Errors}");
        Assert.Contains("all checks passed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(LoadTestSilo.OperatorKey, result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")));
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("serverErrors").GetInt64());
        Assert.Equal(50, root.GetProperty("wallets").GetInt32());
        Assert.True(root.GetProperty("operations").GetInt64() > 0);
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(4 * 2 + 1, checks.Count);
        Assert.All(checks, c => Assert.True(c.GetProperty("passed").GetBoolean(), c.GetProperty("detail").GetString()));
        Assert.True(root.GetProperty("kinds").GetProperty("stake").GetProperty("operations").GetInt64() > 0);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain(LoadTestSilo.OperatorKey, html + await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loadtest_FreshWallets_EachStepDoesWhatItLacksThenItsOwnOperation()
    {
        // Among a million wallets nearly every step meets a wallet for the first time: without a balance or a position, a
        // claim step must still end in a claim, and a stake step in a stake.
        var keyFile = Path.Combine(_folder, "operator.key");
        await File.WriteAllTextAsync(keyFile, LoadTestSilo.OperatorKey + "\n");
        using var handler = _silo.Server.CreateHandler();

        var result = await Cli.RunAsync(
            Cli.Over(handler), "loadtest", "--wallets", "1000000", "--duration", "3", "--concurrency", "4", "--http", "http://localhost/",
            "--operator-key-file", keyFile, "--mix", "claim=100", "--pools", "1", "--report", _folder);

        Assert.True(result.Exit == 0, $"exit {result.Exit}\n{result.Output}\n{result.Errors}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")));
        var kinds = json.RootElement.GetProperty("kinds");
        var claims = kinds.TryGetProperty("claim", out var claim) ? claim.GetProperty("operations").GetInt64() : 0;
        var stakes = kinds.GetProperty("stake").GetProperty("operations").GetInt64();
        var deposits = kinds.GetProperty("deposit").GetProperty("operations").GetInt64();
        Assert.True(claims > 0, $"no claims in {kinds}");
        Assert.InRange(claims, stakes - 4, stakes); // one stake before each claim, the last few cut off by the end of the run
        Assert.InRange(stakes, deposits - 4, deposits);
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Loadtest_HealthOpenLoop_Passes()
    {
        using var handler = _silo.Server.CreateHandler();

        var result = await Cli.RunAsync(
            Cli.Over(handler), "loadtest", "--wallets", "1", "--duration", "2", "--scenario", "health", "--rate", "50", "--http", "http://localhost/",
            "--report", _folder);

        Assert.True(result.Exit == 0, $"exit {result.Exit}\n{result.Output}\n{result.Errors}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "report.json")));
        Assert.Equal("open", json.RootElement.GetProperty("mode").GetString());
        Assert.True(json.RootElement.GetProperty("kinds").GetProperty("health").GetProperty("operations").GetInt64() > 0);
    }

    [Theory]
    [InlineData(new[] { "--duration", "2", "--http", "http://localhost/" }, "--wallets: is required")]
    [InlineData(new[] { "--wallets", "0", "--duration", "2", "--http", "http://localhost/" }, "--wallets: must be a whole number from 1 to 10000000, not '0'")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2" }, "--http: is required: the base URL of the silo's REST API (or --gateway host:port")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--gateway", "nowhere" }, "--gateway")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--http", "http://localhost/" }, "--operator-key-file: is required for a mix that writes")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--http", "http://localhost/", "--mix", "stake=x" }, "--mix: the weight of 'stake' must be")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--http", "http://localhost/", "--scenario", "dance" }, "--scenario: 'dance' is not a scenario")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--ramp-up", "2", "--http", "http://localhost/", "--mix", "read=1" }, "--ramp-up: must be shorter")]
    [InlineData(new[] { "--wallets", "5", "--duration", "2", "--http", "ftp://x/", "--mix", "read=1" }, "--http: must be an http:// or https:// URL")]
    public async Task Loadtest_BadInput_Exit2NamingTheOption(string[] args, string message)
    {
        var result = await Cli.RunAsync(Cli.Offline(), ["loadtest", .. args]);

        Assert.Equal(2, result.Exit);
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
