namespace Actors.Silo.Cluster;

/// <summary>Mutual TLS on the silo and gateway ports. Bound from <c>Silo:Tls</c>.</summary>
internal sealed class SiloTlsOptions
{
    /// <summary>
    /// The PKCS#12 (<c>.pfx</c>) file with this silo's certificate, its private key and the cluster's CA certificate
    /// (<c>scripts/dev-certificate.sh</c> makes one). Relative paths are resolved against the content root. Unset: no TLS,
    /// allowed only when <see cref="SiloClusterOptions.Address"/> is a loopback address.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>; never logged.</summary>
    public string? CertificatePassword { get; set; }
}
