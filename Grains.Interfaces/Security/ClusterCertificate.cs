using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Grains.Interfaces.Security;

/// <summary>
/// The certificate a silo or a cluster client presents on Orleans's TLS connections, and the rule by which it trusts the other
/// end. The certificate file (PKCS#12, <c>.pfx</c>) holds this node's certificate with its private key and the certificate of the
/// cluster's certificate authority (CA). A peer is trusted when its certificate chains to that CA (the only trust anchor: the
/// machine's root store plays no part), is within its validity period, and allows the use its role needs: a silo's certificate
/// must allow server authentication (silos accept each other on the silo port, and clients check the gateway they reach), a
/// client's must allow client authentication (gateways accept clients). Host names are not checked: silos reach each other by
/// address, and holding a certificate the cluster's CA issued is what makes a node a member. A self-signed certificate with no
/// CA beside it is its own anchor: every node then shares that one certificate.
/// </summary>
/// <remarks>
/// With Microsoft.Orleans.Connections.Security, a cluster client uses it as
/// <c>client.UseTls(cluster.Certificate, tls => { tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
/// tls.RemoteCertificateValidation = cluster.IsTrustedSilo; })</c>.
/// </remarks>
public sealed class ClusterCertificate : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _anchors;
    private readonly X509Certificate2Collection _intermediates;
    private readonly X509Certificate2Collection _owned;
    private readonly TimeProvider _time;

    private ClusterCertificate(
        X509Certificate2 certificate, X509Certificate2Collection anchors, X509Certificate2Collection intermediates, X509Certificate2Collection owned,
        TimeProvider time)
    {
        Certificate = certificate;
        _anchors = anchors;
        _intermediates = intermediates;
        _owned = owned;
        _time = time;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Whether this node's certificate may authenticate a TLS server (a silo's must: it accepts connections).</summary>
    public bool AllowsServerAuthentication => AllowsUsage(Certificate, ServerAuthentication);

    /// <summary>Whether this node's certificate may authenticate a TLS client (a client's must, and a silo's: it opens connections).</summary>
    public bool AllowsClientAuthentication => AllowsUsage(Certificate, ClientAuthentication);

    /// <summary>The certificates a peer's certificate must chain to: the cluster's CA (or this node's own self-signed certificate).</summary>
    public IReadOnlyList<X509Certificate2> TrustAnchors => [.. _anchors];

    /// <summary>
    /// Loads a PKCS#12 file. Throws <see cref="InvalidOperationException"/> with the reason when the file cannot be read with the
    /// password, holds no certificate with a private key, holds no CA certificate (and the certificate is not self-signed), or when
    /// the certificate does not chain to that CA or is outside its validity period.
    /// </summary>
    /// <param name="path">The <c>.pfx</c> file.</param>
    /// <param name="password">Its password; null or empty for none.</param>
    /// <param name="time">The clock validity periods are checked against; the system clock by default.</param>
    public static ClusterCertificate Load(string path, string? password, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        X509Certificate2Collection contents;
        try
        {
            contents = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The certificate file {path} cannot be read (wrong password, or not a PKCS#12 file): {error.Message}", error);
        }

        try
        {
            return FromContents(contents, path, time ?? TimeProvider.System);
        }
        catch
        {
            foreach (var certificate in contents)
            {
                certificate.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> belongs to a silo of this cluster: issued by the cluster's CA, valid now, allowed for
    /// server authentication. Shaped as Orleans's <c>RemoteCertificateValidator</c>; the platform's own verdict
    /// (<paramref name="policyErrors"/>, which judges against the machine's root store and a host name) is not used.
    /// </summary>
    public bool IsTrustedSilo(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors policyErrors) =>
        ChainsToCluster(certificate, chain, ServerAuthentication);

    /// <summary>
    /// Whether <paramref name="certificate"/> belongs to a cluster client (or a silo): issued by the cluster's CA, valid now,
    /// allowed for client authentication. Shaped as Orleans's <c>RemoteCertificateValidator</c>, like <see cref="IsTrustedSilo"/>.
    /// </summary>
    public bool IsTrustedClient(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors policyErrors) =>
        ChainsToCluster(certificate, chain, ClientAuthentication);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var certificate in _owned)
        {
            certificate.Dispose();
        }
    }

    private static ClusterCertificate FromContents(X509Certificate2Collection contents, string path, TimeProvider time)
    {
        var withKey = contents.Where(c => c.HasPrivateKey).ToList();
        if (withKey.Count != 1)
        {
            throw new InvalidOperationException(
                $"The certificate file {path} must hold exactly one certificate with its private key; it holds {withKey.Count}.");
        }

        var certificate = withKey[0];
        var anchors = new X509Certificate2Collection();
        var intermediates = new X509Certificate2Collection();
        foreach (var other in contents.Where(c => !ReferenceEquals(c, certificate)))
        {
            (IsSelfSigned(other) ? anchors : intermediates).Add(other);
        }

        if (anchors.Count == 0)
        {
            if (!IsSelfSigned(certificate))
            {
                throw new InvalidOperationException(
                    $"The certificate file {path} holds no CA certificate: export it with its chain (the cluster's CA certificate beside it).");
            }

            anchors.Add(certificate);
        }

        var loaded = new ClusterCertificate(certificate, anchors, intermediates, contents, time);
        if (!loaded.ChainsToCluster(certificate, null, usage: null))
        {
            throw new InvalidOperationException(
                $"The certificate {certificate.Subject} in {path} does not chain to the CA certificate beside it, or is outside its validity period " +
                $"({certificate.NotBefore:u} to {certificate.NotAfter:u}).");
        }

        return loaded;
    }

    private bool ChainsToCluster(X509Certificate2 certificate, X509Chain? presented, string? usage)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_anchors);
        policy.ExtraStore.AddRange(_intermediates);

        // Intermediates the peer sent in its handshake may complete the chain; they are no anchor.
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        // A private CA publishes no revocation list; a leaked certificate is answered by a new CA.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        if (usage is not null)
        {
            policy.ApplicationPolicy.Add(new Oid(usage));
        }

        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    // No extended key usage extension allows every use, as TLS stacks treat it.
    private static bool AllowsUsage(X509Certificate2 certificate, string usage) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } extension
        || extension.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == usage);

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
