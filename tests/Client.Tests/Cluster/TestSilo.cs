using Actors.Grains.Wallets;
using Actors.Providers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// An Orleans silo in this process hosting the production grains on free loopback ports: localhost clustering, the providers'
/// in-memory grain storage, in-memory reminders, and the wallets' rate limit off (the tests stake and claim in quick succession).
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, string gateway) => (_host, Gateway) = (host, gateway);

    /// <summary>The silo's gateway, <c>127.0.0.1:port</c>, as the silo advertises it.</summary>
    public string Gateway { get; }

    /// <summary>The silo's own grain factory, for setting up and checking what the commands did.</summary>
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo of cluster <paramref name="clusterId"/>; <paramref name="configure"/> adds to its configuration.</summary>
    public static async Task<TestSilo> StartAsync(string clusterId, Action<ISiloBuilder>? configure = null)
    {
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "memory" });
        builder.Services.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 0);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "actors", clusterId: clusterId);
            silo.AddActorsGrainStorage(builder.Configuration);
            silo.UseInMemoryReminderService();
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, $"127.0.0.1:{gatewayPort}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
