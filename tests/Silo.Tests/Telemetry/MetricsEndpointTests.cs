using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Actors.Testing;

namespace Actors.Silo.Tests.Telemetry;

/// <summary><c>GET /metrics</c>: Prometheus text with the domain's counters, Orleans's, ASP.NET Core's and the process's metrics.</summary>
/// <remarks>
/// Every silo host in a process has a meter named for Orleans, and a host's OpenTelemetry listens to all meters of that name,
/// so other test hosts starting and stopping beside it change what it exports (an Orleans gauge went missing so in a full
/// run). These tests run alone (<see cref="MetricsCollection"/>), as a silo runs in production: one to a process.
/// </remarks>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests : RouteTestBase
{
    [Fact]
    public async Task Metrics_count_each_stake_and_deposit_and_carry_orleans_aspnetcore_and_process_metrics()
    {
        // An asset of this test's own: every silo in the process counts on one meter, so only this test moves these series.
        var asset = ("S" + Guid.NewGuid().ToString("N"))[..12].ToUpperInvariant();
        var alice = Api.Alice.Address;
        var created = await Api.PutAsync("/api/pools/metrics-pool", new { ratePerSecond = "1", stakeAsset = asset }, asOperator: true);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var before = await ScrapeAsync();

        await Api.DepositAsync(alice, "100", asset);
        var token = await Api.SignInAsync(Api.Alice);
        const int stakes = 3;
        for (var i = 0; i < stakes; i++)
        {
            var staked = await Api.PostAsync($"/api/wallets/{alice}/stake", new { poolId = "metrics-pool", amount = "10" }, token);
            Assert.Equal(HttpStatusCode.OK, staked.Status);
        }

        // A request's duration is recorded once its response has gone, which can be after the client read it.
        var after = "";
        await Wait.UntilAsync(async () => Value(after = await ScrapeAsync(), "actors_stakes_total", asset) >= stakes
            && after.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal),
            "the stakes and the requests counted in /metrics");

        Assert.Equal(stakes, Value(after, "actors_stakes_total", asset) - Value(before, "actors_stakes_total", asset));
        Assert.Equal(1, Value(after, "actors_deposits_total", asset) - Value(before, "actors_deposits_total", asset));
        Assert.Contains("# TYPE actors_stakes_total counter", after, StringComparison.Ordinal);
        Assert.Matches(SignedIn(), after);
        Assert.Contains("orleans_catalog_activations", after, StringComparison.Ordinal);
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_time_seconds_total counter", after, StringComparison.Ordinal);
        Assert.Matches(CpuTime(), after);
        Assert.Contains("# TYPE process_memory_usage_bytes gauge", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_need_no_credential_and_are_plain_prometheus_text()
    {
        using var response = await Api.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# TYPE ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Api.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // The value of the series of <metric> whose asset label is <asset>; 0 when there is none yet.
    private static long Value(string text, string metric, string asset)
    {
        var match = Regex.Match(text, $@"^{metric}\{{[^}}]*asset=""{asset}""[^}}]*\}} (\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^actors_signins_total\{[^}]*outcome=""signed_in""[^}]*\} [1-9]", RegexOptions.Multiline)]
    private static partial Regex SignedIn();

    [GeneratedRegex(@"^process_cpu_time_seconds_total\{[^}]*cpu_mode=""user""[^}]*\} [0-9.e+-]+", RegexOptions.Multiline)]
    private static partial Regex CpuTime();
}

/// <summary>Tests that read a silo's Orleans metrics: run after the parallel tests, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics, alone in the process";
}
