using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>One trace from the HTTP request through the grain calls to storage, as an OTLP collector would receive it.</summary>
public sealed class TraceTests : RouteTestBase
{
    private readonly SpanCollection _spans = new();

    [Fact]
    public async Task A_deposit_is_one_trace_from_the_http_server_span_through_the_grain_calls_to_the_storage_writes()
    {
        // The request carries its trace id, so that this test's spans are told apart from those of other silos in the process.
        var trace = ActivityTraceId.CreateRandom();
        var alice = Api.Alice.Address;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/wallets/{alice}/deposits", UriKind.Relative))
        {
            Content = JsonContent("""{"asset":"STAKE","amount":"5","reference":"trace-test-1"}"""),
        };
        request.Headers.Add("X-Operator-Key", OperatorKey);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await Api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.UntilAsync(() => Spans(trace).Any(s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore"),
            "the HTTP server span ended");

        var spans = Spans(trace);
        var http = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        var grainCalls = spans.Where(s => s.Source.Name == "Microsoft.Orleans.Application").ToList();
        var writes = spans.Where(s => s.Source.Name == "Actors.Providers.Storage" && s.DisplayName == "storage write").ToList();
        Assert.Contains(grainCalls, s => s.DisplayName.Contains("IDepositGrain", StringComparison.Ordinal));
        Assert.Contains(grainCalls, s => s.DisplayName.Contains("IWalletGrain", StringComparison.Ordinal));
        Assert.NotEmpty(writes);
        Assert.Contains(writes, s => Equals(s.GetTagItem("actors.grain.type"), "wallet"));
        Assert.All(writes, write =>
        {
            // Each write hangs under a grain call, which hangs (through others) under the HTTP request's span.
            var chain = Ancestors(write, spans);
            Assert.Contains(chain, s => s.Source.Name == "Microsoft.Orleans.Application");
            Assert.Equal(http.SpanId, chain[^1].SpanId);
        });
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans));

    private List<Activity> Spans(ActivityTraceId trace) => [.. _spans.Snapshot().Where(s => s.TraceId == trace)];

    // The span's parents within the trace, nearest first; the last is the one with no parent among them.
    private static List<Activity> Ancestors(Activity span, List<Activity> spans)
    {
        var chain = new List<Activity>();
        for (var parent = Parent(span, spans); parent is not null; parent = Parent(parent, spans))
        {
            chain.Add(parent);
        }

        return chain;
    }

    private static Activity? Parent(Activity span, List<Activity> spans) => spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    // The exporter adds ended spans from whichever thread ended them; the test reads copies.
    private sealed class SpanCollection : Collection<Activity>
    {
        public List<Activity> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
