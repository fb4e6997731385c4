using System.Net;
using Actors.Silo.Dashboard;
using Actors.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>
/// While nobody watches the dashboard, the package's work stops: its OpenTelemetry exporter pushes no counters to the silo's
/// dashboard service, and that service's one-second samples of the silo's runtime statistics do not reach the management
/// grain. The first viewer brings both back.
/// </summary>
public sealed class DashboardIdleTests : IAsyncLifetime
{
    private const string Key = "test-operator-key-0123456789abcdef";
    private readonly SiloFactory _factory = new();
    private readonly SamplingCounter _asked = new();
    private readonly SamplingCounter _answered = new();
    private readonly ExportCounter _exported = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        _factory.Configure = builder => builder.ConfigureTestServices(services =>
        {
            // The first filter sees every sample the package asks for; the last, those that reach the management grain.
            services.Insert(0, ServiceDescriptor.Singleton<IOutgoingGrainCallFilter>(_asked));
            services.AddSingleton<IOutgoingGrainCallFilter>(_answered);
            services.AddSingleton<IOutgoingGrainCallFilter>(_exported);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_unwatched_silo_exports_no_counters_and_takes_no_samples_and_a_viewer_brings_both_back()
    {
        using var client = _factory.CreateClient();

        await Wait.UntilAsync(() => _asked.Count >= 3, "the dashboard's service to sample three times");
        var answeredUnwatched = _answered.Count;
        var exportedUnwatched = _exported.Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/ClusterStats", UriKind.Relative));
        request.Headers.Add("X-Operator-Key", Key);
        using var watched = await client.SendAsync(request);
        await Wait.UntilAsync(() => _answered.Count >= 1, "a sample answered while the dashboard is watched");
        await Wait.UntilAsync(() => _exported.Count >= 1, "counters exported while the dashboard is watched");

        Assert.Equal(0, answeredUnwatched);
        Assert.Equal(0, exportedUnwatched);
        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        Assert.True(_factory.Services.GetRequiredService<DashboardCollection>().IsCollecting);
    }

    [Fact]
    public async Task When_the_last_viewer_is_gone_for_the_idle_timeout_the_export_stops()
    {
        _factory.Settings["Dashboard:IdleTimeout"] = "00:00:01";
        using var client = _factory.CreateClient();
        var collection = _factory.Services.GetRequiredService<DashboardCollection>();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/DashboardCounters", UriKind.Relative));
        request.Headers.Add("X-Operator-Key", Key);
        using var watched = await client.SendAsync(request);
        await Wait.UntilAsync(() => _exported.Count >= 1, "counters exported while the dashboard is watched");
        await Wait.UntilAsync(() => !collection.IsCollecting, "the collection to stop a second after the last request");
        var exportedAtStop = _exported.Count;
        var askedAtStop = _asked.Count;
        await Wait.UntilAsync(() => _asked.Count >= askedAtStop + 3, "three more seconds of the dashboard service's samples");

        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        Assert.InRange(_exported.Count, exportedAtStop, exportedAtStop + 1); // at most an export already under way at the stop
    }

    /// <summary>Counts the package's requests for this silo's runtime statistics, passing every call on.</summary>
    private sealed class SamplingCounter : IOutgoingGrainCallFilter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod.DeclaringType == typeof(IManagementGrain)
                && context.MethodName == nameof(IManagementGrain.GetRuntimeStatistics)
                && context.SourceContext?.GrainInstance?.GetType().Assembly == typeof(DashboardOptions).Assembly)
            {
                Interlocked.Increment(ref _count);
            }

            return context.Invoke();
        }
    }

    /// <summary>Counts the package's exporter's pushes of the silo's counters to its dashboard service.</summary>
    private sealed class ExportCounter : IOutgoingGrainCallFilter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.MethodName == "ReportCounters" && context.InterfaceMethod.DeclaringType?.Assembly == typeof(DashboardOptions).Assembly)
            {
                Interlocked.Increment(ref _count);
            }

            return context.Invoke();
        }
    }
}
