using Actors.Grains.Interfaces.Security;
using Actors.Testing.Security;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// A <see cref="TestSilo"/> whose gateway takes TLS connections only, from clients presenting a certificate of the cluster's
/// CA (the rule the Silo host applies with <c>Silo:Tls:CertificatePath</c>), and the certificate files the tests hand the CLI.
/// </summary>
public sealed class TlsSilo : IAsyncLifetime
{
    public const string ClusterId = "cli-tls";

    private readonly TestCertificates _certificates = new();
    private ClusterCertificate? _siloCertificate;
    private TestSilo? _silo;

    /// <summary>The silo's gateway.</summary>
    public string Gateway => _silo!.Gateway;

    /// <summary>A client certificate of the cluster's CA.</summary>
    public string ClientCertificate { get; private set; } = "";

    /// <summary>A client certificate of another CA.</summary>
    public string StrangerCertificate { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var authority = _certificates.Authority("cluster-ca");
        _siloCertificate = ClusterCertificate.Load(_certificates.WritePfx("silo.pfx", _certificates.Issue(authority, "silo", server: true), authority), TestCertificates.Password);
        ClientCertificate = _certificates.WritePfx(
            "operator.pfx", _certificates.Issue(authority, "operator", server: false), authority);
        var stranger = _certificates.Authority("other-ca");
        StrangerCertificate = _certificates.WritePfx("stranger.pfx", _certificates.Issue(stranger, "stranger", server: false), stranger);
        var gateway = new TlsOptions
        {
            LocalCertificate = _siloCertificate.Certificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = _siloCertificate.IsTrustedClient,
        };
        _silo = await TestSilo.StartAsync(ClusterId, silo => silo.Configure<SiloConnectionOptions>(
            connections => connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(gateway))));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _siloCertificate?.Dispose();
        _certificates.Dispose();
    }
}
