using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>The real host in memory with an operator key and a fake clock, and an <see cref="Tests.Api"/> client for it.</summary>
public abstract class RouteTestBase : IAsyncLifetime
{
    protected const string OperatorKey = "route-test-operator-key-0123456789abcdef";

    protected static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected SiloFactory Factory { get; } = new();

    protected Api Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory.Settings["Gateway:OperatorKey"] = OperatorKey;
        Configure(Factory.Settings);
        Factory.Configure = builder => builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Time);
            ConfigureServices(s);
        });
        Api = new Api(Factory.CreateClient(), OperatorKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Api.Client.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>More host settings for the tests of a class.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    /// <summary>More test services for the tests of a class (a log collector, a span exporter), after the host's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
