using System.Security.Cryptography.X509Certificates;
using Actors.Grains.Interfaces.Security;
using Actors.Testing.Security;
using Actors.Testing;

namespace Actors.Cluster.Tests;

/// <summary>
/// Two Silo processes with mutual TLS on certificates of a CA made for the test, the cluster's client certificate, and a
/// stranger CA's client and silo certificates (same names, other keys), shared by the tests of <see cref="TlsClusterTests"/>.
/// </summary>
public sealed class TlsCluster : IAsyncLifetime
{
    public const string ClusterId = "tls";
    private readonly TestCertificates _certificates = new();

    public ProcessCluster Processes { get; private set; } = null!;

    public ClusterCertificate Client { get; private set; } = null!;

    public X509Certificate2 StrangerClient { get; private set; } = null!;

    public string StrangerSiloPath { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var authority = _certificates.Authority("Actors test cluster CA");
        var silo = _certificates.WritePfx("silo.pfx", _certificates.Issue(authority, "silo", server: true), authority);
        Client = ClusterCertificate.Load(
            _certificates.WritePfx("client.pfx", _certificates.Issue(authority, "client", server: false), authority), TestCertificates.Password);

        var stranger = _certificates.Authority("Actors test cluster CA");
        StrangerClient = _certificates.Issue(stranger, "client", server: false);
        StrangerSiloPath = _certificates.WritePfx("stranger.pfx", _certificates.Issue(stranger, "silo", server: true), stranger);
        Processes = await ProcessCluster.StartAsync(ClusterId, ["a", "b"], new Dictionary<string, string>
        {
            ["Silo:Tls:CertificatePath"] = silo,
            ["Silo:Tls:CertificatePassword"] = TestCertificates.Password,
        });
    }

    public async Task DisposeAsync()
    {
        if (Processes is not null)
        {
            await Processes.DisposeAsync();
        }

        Client?.Dispose();
        _certificates.Dispose();
    }
}
