using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Actors.Grains.Interfaces.Security;
using Actors.Testing.Security;
using Microsoft.Extensions.Time.Testing;

namespace Actors.Cluster.Tests.Security;

public sealed class ClusterCertificateTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly X509Certificate2 _authority;

    public ClusterCertificateTests() => _authority = _certificates.Authority("Cluster CA");

    [Fact]
    public void A_silo_trusts_a_silo_and_a_client_its_cluster_CA_issued()
    {
        using var silo = Load(_certificates.Issue(_authority, "silo-1", server: true), _authority);

        Assert.True(silo.AllowsServerAuthentication && silo.AllowsClientAuthentication);
        Assert.True(Silo(silo, _certificates.Issue(_authority, "silo-2", server: true)));
        Assert.True(Client(silo, _certificates.Issue(_authority, "cli", server: false)));
        Assert.Equal(_authority.Thumbprint, Assert.Single(silo.TrustAnchors).Thumbprint);
    }

    [Fact]
    public void A_certificate_of_another_CA_is_trusted_neither_as_silo_nor_as_client()
    {
        using var silo = Load(_certificates.Issue(_authority, "silo-1", server: true), _authority);
        var stranger = _certificates.Authority("Cluster CA"); // the same name, another key

        Assert.False(Silo(silo, _certificates.Issue(stranger, "silo-2", server: true)));
        Assert.False(Client(silo, _certificates.Issue(stranger, "cli", server: false)));
    }

    [Fact]
    public void A_client_certificate_opens_the_gateway_but_is_no_silo()
    {
        using var silo = Load(_certificates.Issue(_authority, "silo-1", server: true), _authority);
        var client = _certificates.Issue(_authority, "cli", server: false);

        Assert.True(Client(silo, client));
        Assert.False(Silo(silo, client));
    }

    [Fact]
    public void An_expired_peer_certificate_is_not_trusted()
    {
        using var silo = Load(_certificates.Issue(_authority, "silo-1", server: true), _authority);
        var expired = _certificates.Issue(
            _authority, "silo-2", server: true, notBefore: DateTimeOffset.UtcNow.AddDays(-10), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        Assert.False(Silo(silo, expired));
    }

    [Fact]
    public void Loading_a_certificate_outside_its_validity_period_fails_with_the_period()
    {
        var path = _certificates.WritePfx("silo.pfx", _certificates.Issue(_authority, "silo-1", server: true), _authority);
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31));

        var error = Assert.Throws<InvalidOperationException>(() => ClusterCertificate.Load(path, TestCertificates.Password, later));

        Assert.Contains("validity period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_with_a_wrong_password_fails_naming_the_file()
    {
        var path = _certificates.WritePfx("silo.pfx", _certificates.Issue(_authority, "silo-1", server: true), _authority);

        var error = Assert.Throws<InvalidOperationException>(() => ClusterCertificate.Load(path, "not-the-password"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_CA_issued_certificate_without_its_CA_fails_saying_so()
    {
        var path = _certificates.WritePfx("silo.pfx", _certificates.Issue(_authority, "silo-1", server: true), authority: null);

        var error = Assert.Throws<InvalidOperationException>(() => ClusterCertificate.Load(path, TestCertificates.Password));

        Assert.Contains("holds no CA certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_signed_certificate_is_its_own_anchor_and_trusts_only_itself()
    {
        var shared = _certificates.Authority("Shared silo certificate");
        var path = _certificates.WritePfx("shared.pfx", shared, authority: null);
        using var silo = ClusterCertificate.Load(path, TestCertificates.Password);

        Assert.True(Silo(silo, X509CertificateLoader.LoadCertificate(shared.RawData)));
        Assert.False(Silo(silo, _certificates.Issue(_authority, "silo-2", server: true)));
    }

    public void Dispose() => _certificates.Dispose();

    private ClusterCertificate Load(X509Certificate2 certificate, X509Certificate2 authority) =>
        ClusterCertificate.Load(_certificates.WritePfx($"{Guid.NewGuid():N}.pfx", certificate, authority), TestCertificates.Password);

    // The platform's verdict says a name mismatch and an untrusted root: the rule must not depend on it.
    private static bool Silo(ClusterCertificate trust, X509Certificate2 peer) =>
        trust.IsTrustedSilo(Public(peer), null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors);

    private static bool Client(ClusterCertificate trust, X509Certificate2 peer) =>
        trust.IsTrustedClient(Public(peer), null, SslPolicyErrors.RemoteCertificateChainErrors);

    private static X509Certificate2 Public(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
