using System.Diagnostics;
using System.Text.Json;
using Actors.Client.LoadTest;

namespace Actors.Client.Tests.LoadTest;

public sealed class LoadReportTests
{
    [Fact]
    public void ToJson_HasTheFieldsApiMdNames()
    {
        var report = SampleReport();

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(10, root.GetProperty("wallets").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("durationSeconds").ValueKind);
        Assert.Equal(3, root.GetProperty("operations").GetInt64());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("throughputPerSecond").ValueKind);
        foreach (var name in new[] { "p50", "p90", "p99", "max" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty("latencyMs").GetProperty(name).ValueKind);
        }

        Assert.Equal(2.0, root.GetProperty("latencyMs").GetProperty("max").GetDouble());
        Assert.Equal(1, root.GetProperty("errors").GetProperty("insufficient_balance").GetInt64());
        var second = root.GetProperty("timeline")[0];
        Assert.Equal(0, second.GetProperty("second").GetInt32());
        Assert.Equal(3, second.GetProperty("operations").GetInt64());
        Assert.Equal(1, second.GetProperty("errors").GetInt64());
        Assert.Equal(JsonValueKind.Number, second.GetProperty("p99").ValueKind);
        Assert.False(root.GetProperty("server").GetProperty("available").GetBoolean());
        Assert.Equal("GET /metrics answered 404", root.GetProperty("server").GetProperty("absence").GetString());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("no-5xx", root.GetProperty("checks")[0].GetProperty("name").GetString());
        Assert.Equal(2, root.GetProperty("kinds").GetProperty("stake").GetProperty("operations").GetInt64());
    }

    [Fact]
    public void Html_SelfContained_WithCharts()
    {
        var html = ReportHtml.Format(SampleReport());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("No figures: GET /metrics answered 404", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PrometheusText_SumsTheTwoMetrics()
    {
        var (cpu, memory) = ServerMetrics.Parse("""
            # HELP process_cpu_time_seconds_total CPU
            # TYPE process_cpu_time_seconds_total counter
            process_cpu_time_seconds_total{state="user"} 1.5
            process_cpu_time_seconds_total{state="system"} 0.25
            process_memory_usage_bytes 1048576
            process_memory_usage_bytes_other 7
            """);

        Assert.Equal(1.75, cpu);
        Assert.Equal(1048576, memory);
        Assert.Equal((null, null), ServerMetrics.Parse("other 1\n"));
    }

    private static LoadReport SampleReport()
    {
        var stats = new RunStats(Stopwatch.GetTimestamp(), 10);
        stats.Record("stake", TimeSpan.FromMilliseconds(1), null, 200);
        stats.Record("stake", TimeSpan.FromMilliseconds(2), "insufficient_balance", 409);
        stats.Record("read", TimeSpan.FromMilliseconds(1.5), null, 200);
        var settings = new LoadTestSettings(
            new Uri("http://127.0.0.1:1/"), 10, TimeSpan.FromSeconds(1), TimeSpan.Zero, null, 4, ScenarioMix.Parse("stake=1,read=1", out _)!,
            "seed", null, 1, 10, ".", "run");
        using var http = new HttpClient(new NotFound()) { BaseAddress = settings.Url };
        var metrics = new ServerMetrics(http, null);
        metrics.SampleAsync(0).GetAwaiter().GetResult();
        var result = new LoadResult(settings, stats, TimeSpan.FromSeconds(1), metrics, [], new PoolLedger(1), 0);
        return LoadReport.From(result, [new CheckResult("no-5xx", true, "0 answers were 5xx")]);
    }

    private sealed class NotFound : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
    }
}
