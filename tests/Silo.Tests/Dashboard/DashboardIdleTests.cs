using System.Net;
using Actors.Silo.Dashboard;
using Actors.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>
/// The dashboard package's per-silo service samples the silo's runtime statistics every second; while nobody watches, those
/// samples go unanswered by the management grain, and the first viewer brings them back.
/// </summary>
public sealed class DashboardSamplingTests : IAsyncLifetime
{
    private const string Key = "test-operator-key-0123456789abcdef";
    private readonly SiloFactory _factory = new();
    private readonly SamplingCounter _asked = new();
    private readonly SamplingCounter _answered = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        _factory.Configure = builder => builder.ConfigureTestServices(services =>
        {
            // The first filter sees every sample the package asks for; the last, those that reach the management grain.
            services.Insert(0, ServiceDescriptor.Singleton<IOutgoingGrainCallFilter>(_asked));
            services.AddSingleton<IOutgoingGrainCallFilter>(_answered);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_unwatched_silo_asks_the_management_grain_for_no_sample_and_a_viewer_brings_the_samples_back()
    {
        using var client = _factory.CreateClient();

        await Wait.UntilAsync(() => _asked.Count >= 3, "the dashboard's service to sample three times");
        var answeredUnwatched = _answered.Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/ClusterStats", UriKind.Relative));
        request.Headers.Add("X-Operator-Key", Key);
        using var watched = await client.SendAsync(request);
        await Wait.UntilAsync(() => _answered.Count >= 1, "a sample answered while the dashboard is watched");

        Assert.Equal(0, answeredUnwatched);
        Assert.Equal(HttpStatusCode.OK, watched.StatusCode);
        Assert.True(_factory.Services.GetRequiredService<DashboardCollection>().IsCollecting);
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
}
