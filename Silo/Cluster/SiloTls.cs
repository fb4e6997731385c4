using Actors.Grains.Interfaces.Security;
using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace Actors.Silo.Cluster;

/// <summary>
/// Mutual TLS on the silo's ports, by the trust rule of <see cref="ClusterCertificate"/>: both ends present a certificate the
/// cluster's CA issued. On the silo port (both directions) the other end must hold a silo certificate (server authentication
/// allowed); on the gateway port any cluster certificate allowed for client authentication, so a client certificate opens
/// the gateway but never the silo port.
/// </summary>
internal static class SiloTls
{
    // A certificate the settings name that the silo cannot use: a refusal of the settings, reported as one line at start.
    private static OptionsValidationException Refused(string failure) =>
        new("Silo:Tls", typeof(SiloTlsOptions), [failure]);

    public static void Configure(ISiloBuilder silo, SiloTlsOptions options, string contentRoot)
    {
        var path = Path.GetFullPath(options.CertificatePath!, contentRoot);
        ClusterCertificate certificate;
        try
        {
            certificate = ClusterCertificate.Load(path, options.CertificatePassword);
        }
        catch (InvalidOperationException error)
        {
            throw Refused($"Silo:Tls:CertificatePath: {error.Message}");
        }

        if (!certificate.AllowsServerAuthentication || !certificate.AllowsClientAuthentication)
        {
            var subject = certificate.Certificate.Subject;
            certificate.Dispose();
            throw Refused(
                $"Silo:Tls:CertificatePath: the certificate {subject} must allow both server and client authentication " +
                "(extended key usages serverAuth and clientAuth): a silo accepts connections and opens them.");
        }

        // Owned by the container: disposed with the host.
        silo.Services.AddSingleton(certificate);
        var peers = new TlsOptions
        {
            LocalCertificate = certificate.Certificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = certificate.IsTrustedSilo,
        };
        var clients = new TlsOptions
        {
            LocalCertificate = certificate.Certificate,
            RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
            RemoteCertificateValidation = certificate.IsTrustedClient,
        };
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(peers));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(peers));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(clients));
        });
    }
}
