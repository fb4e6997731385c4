using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Actors.Cluster.Tests;

/// <summary>An Orleans cluster client host for tests, on a static list of gateways, optionally over TLS.</summary>
internal sealed class ClusterTestClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterTestClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>The management grain: where each activation lives.</summary>
    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    /// <summary>
    /// Connects to <paramref name="gateways"/>. With <paramref name="tls"/> the connection is TLS: the client presents
    /// <see cref="ClientTls.Certificate"/> (none when null) and accepts a gateway when <see cref="ClientTls.AcceptGateway"/> says so.
    /// </summary>
    public static async Task<ClusterTestClient> ConnectAsync(
        string clusterId, IReadOnlyList<IPEndPoint> gateways, ClientTls? tls = null, TimeSpan? responseTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. gateways]);

            // Orleans retries a failed connect for minutes; the tests want the refusal itself.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "actors";
            });

            // Calls in flight to a silo that died wait this long at most; the tests retry with the same operation id.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(5));
            if (tls is not null)
            {
                client.UseTls(o =>
                {
                    o.LocalCertificate = tls.Certificate;
                    o.ClientCertificateMode = tls.Certificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
                    o.RemoteCertificateValidation = tls.AcceptGateway;
                });
            }
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

        return new ClusterTestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(stop.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>How a test client speaks TLS: the certificate it presents (or none) and which gateway certificates it accepts.</summary>
internal sealed record ClientTls(X509Certificate2? Certificate, RemoteCertificateValidator AcceptGateway);
