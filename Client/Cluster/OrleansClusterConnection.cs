using Actors.Grains.Interfaces.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Actors.Client.Cluster;

/// <summary>
/// The Orleans client of one command, on a host of its own with nothing else in it (no logging to the console, no
/// configuration read): static gateway clustering with the gateways given, the cluster's id, and a short response timeout.
/// </summary>
internal sealed class OrleansClusterConnection(IHost host) : IClusterConnection
{
    // Closing gateway connections takes milliseconds; a gateway that died must not hold the command up.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a client; see <see cref="ClusterConnector"/>.</summary>
    public static async Task<IClusterConnection> ConnectAsync(
        ClusterClientOptions options, ClusterCertificate? certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gateways = await Task.WhenAll(options.Addresses.Select(a => a.ResolveAsync(cancellationToken)));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(gateways);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.UseConnectionRetryFilter(NoRetries.Instance);
            client.AddActivityPropagation(); // a traced caller's trace goes on into the grains
            if (certificate is not null)
            {
                ClientTls.Configure(client, certificate);
            }
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new OrleansClusterConnection(host);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync(host));

    private static async Task StopAsync(IHost host)
    {
        using var stopping = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // A gateway that does not answer the goodbye: the connections are dropped with the host below.
        }
        finally
        {
            if (host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }

    // The command retries a failed start itself, on a new client and within its deadline; Orleans's own retries would wait
    // up to minutes between attempts.
    private sealed class NoRetries : IClientConnectionRetryFilter
    {
        public static readonly NoRetries Instance = new();

        public Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
