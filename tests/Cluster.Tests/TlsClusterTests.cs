using System.Security.Cryptography.X509Certificates;
using Actors.Grains.Interfaces.Security;
using Actors.Testing.Security;
using Actors.Testing;

namespace Actors.Cluster.Tests;

/// <summary>
/// A cluster of two Silo processes with mutual TLS, certificates made in the test: a client with the cluster's client
/// certificate is served; a client without TLS, with TLS but no certificate, or with a certificate of another CA is refused at
/// the gateway; a silo with another CA's certificate cannot join.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class TlsClusterTests(TlsCluster tls) : IClassFixture<TlsCluster>
{
    private const string ClusterId = TlsCluster.ClusterId;
    private readonly ProcessCluster _cluster = tls.Processes;
    private readonly ClusterCertificate _client = tls.Client;
    private readonly X509Certificate2 _strangerClient = tls.StrangerClient;
    private readonly string _strangerSilo = tls.StrangerSiloPath;

    [Fact]
    public async Task A_client_with_the_cluster_certificate_is_served_through_either_gateway()
    {
        foreach (var gateway in new[] { 0, 1 })
        {
            await using var trusted = await ClusterTestClient.ConnectAsync(
                ClusterId, _cluster.Gateways(gateway), new ClientTls(_client.Certificate, _client.IsTrustedSilo));

            Assert.Equal(1, await trusted.Client.GetGrain<Grains.Interfaces.Diagnostics.ICounterGrain>($"tls-{gateway}").Add("op-1", 1));
        }
    }

    [Fact]
    public Task A_client_without_TLS_is_refused_at_the_gateway() => AssertRefusedAsync(tls: null);

    [Fact]
    public Task A_client_without_a_certificate_is_refused_at_the_gateway() =>
        AssertRefusedAsync(new ClientTls(null, _client.IsTrustedSilo));

    [Fact]
    public Task A_client_with_another_CAs_certificate_is_refused_at_the_gateway() =>
        AssertRefusedAsync(new ClientTls(_strangerClient, _client.IsTrustedSilo));

    [Fact]
    public async Task A_silo_with_another_CAs_certificate_cannot_join_and_gives_up()
    {
        await using var intruder = _cluster.StartSilo("a", new Dictionary<string, string>
        {
            ["Silo:Tls:CertificatePath"] = _strangerSilo,
            ["Silo:Tls:CertificatePassword"] = TestCertificates.Password,
            ["Silo:Membership:MaxJoinAttemptTime"] = "00:00:05",
        });

        var exitCode = await intruder.WaitExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Failed to get ping responses", intruder.Output, StringComparison.Ordinal);
        foreach (var silo in _cluster.Silos.Take(2))
        {
            var active = await ProcessCluster.ActiveSilosAsync(silo);
            Assert.Equal(2, active.Count);
        }
    }

    // The gateway logs every refused handshake; a refusal is a failed connect, promptly, and a new line in that log.
    private async Task AssertRefusedAsync(ClientTls? tls)
    {
        var gateway = _cluster.Silos[0];
        var refusedBefore = Count(gateway.Output, "Authentication failed");

        var error = await Record.ExceptionAsync(async () =>
        {
            await using var client = await ClusterTestClient.ConnectAsync(ClusterId, _cluster.Gateways(0), tls).WaitAsync(TimeSpan.FromSeconds(15));
            await client.Client.GetGrain<Grains.Interfaces.Diagnostics.ICounterGrain>("refused").Get();
        });

        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
        await Wait.UntilAsync(() => Count(gateway.Output, "Authentication failed") > refusedBefore, "the gateway to log the refused handshake");
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
