using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Actors.Testing.Security;

/// <summary>
/// Certificate authorities and the certificates they issue, made in memory for a test and written as PKCS#12 files into a
/// temporary folder (deleted on dispose), the way <c>scripts/dev-certificate.sh</c> writes them.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    /// <summary>The password of every file written.</summary>
    public const string Password = "test-password";
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cluster-certificates-");
    private readonly List<X509Certificate2> _made = [];

    /// <summary>The temporary folder the files are written to.</summary>
    public string Folder => _folder.FullName;

    /// <summary>A self-signed CA certificate with its key.</summary>
    public X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Keep(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1)));
    }

    /// <summary>A certificate issued by <paramref name="authority"/>, for a silo (both usages) or a client (client only).</summary>
    public X509Certificate2 Issue(
        X509Certificate2 authority, string name, bool server, bool client = true, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection();
        if (server)
        {
            usages.Add(ServerAuthentication);
        }

        if (client)
        {
            usages.Add(ClientAuthentication);
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        using var issued = request.Create(authority, from, to, RandomNumberGenerator.GetBytes(16));
        return Keep(issued.CopyWithPrivateKey(key));
    }

    /// <summary>Writes <paramref name="certificate"/> (with its key) and, when given, its CA certificate (without) as a PKCS#12 file.</summary>
    public string WritePfx(string file, X509Certificate2 certificate, X509Certificate2? authority, string? password = Password)
    {
        var contents = new X509Certificate2Collection { certificate };
        using var publicAuthority = authority is null ? null : X509CertificateLoader.LoadCertificate(authority.RawData);
        if (publicAuthority is not null)
        {
            contents.Add(publicAuthority);
        }

        var path = Path.Combine(Folder, file);
        File.WriteAllBytes(path, contents.Export(X509ContentType.Pkcs12, password)!);
        return path;
    }

    /// <summary>Disposes of the certificates made and deletes the folder.</summary>
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
