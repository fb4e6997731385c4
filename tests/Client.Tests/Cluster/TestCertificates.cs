using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// A cluster's certificate authority and the certificates it issues, made in memory and written as PKCS#12 files (the node's
/// certificate with its key, and the CA's beside it) into a temporary folder that is deleted on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string Password = "test-password";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("client-certificates-");
    private readonly List<X509Certificate2> _made = [];

    /// <summary>A self-signed CA certificate with its key.</summary>
    public X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Keep(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)));
    }

    /// <summary>
    /// Writes a certificate issued by <paramref name="authority"/> (a silo's allows server and client authentication, a
    /// client's client authentication only) into a PKCS#12 file with the CA beside it; returns the file's path.
    /// </summary>
    public string Issue(X509Certificate2 authority, string name, bool silo)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }; // clientAuth
        if (silo)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1")); // serverAuth
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var (from, to) = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var issued = request.Create(authority, from, to, RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        using var publicAuthority = X509CertificateLoader.LoadCertificate(authority.RawData);
        var path = Path.Combine(_folder.FullName, $"{name}.pfx");
        File.WriteAllBytes(path, new X509Certificate2Collection { withKey, publicAuthority }.Export(X509ContentType.Pkcs12, Password)!);
        return path;
    }

    public void Dispose()
    {
        foreach (var certificate in _made)
        {
            certificate.Dispose();
        }

        _folder.Delete(recursive: true);
    }

    private X509Certificate2 Keep(X509Certificate2 certificate)
    {
        _made.Add(certificate);
        return certificate;
    }
}
