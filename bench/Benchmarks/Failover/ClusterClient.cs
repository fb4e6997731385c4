using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Actors.Benchmarks.Failover;

/// <summary>
/// An Orleans cluster client on the generic host, connected to the given gateways only (the silos that will survive). Its
/// response timeout is short, as the load tester's: a call lost with a killed silo fails after it and is made again.
/// </summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(2);

    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(string clusterId, string serviceId, IPEndPoint[] gateways)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // A gateway that is gone may hold the graceful close; the process ends the connections anyway.
        }

        _host.Dispose();
    }
}
