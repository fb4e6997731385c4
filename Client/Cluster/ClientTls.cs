using Actors.Grains.Interfaces.Security;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Actors.Client.Cluster;

/// <summary>
/// Mutual TLS to the gateways, by the cluster's trust rule (<see cref="ClusterCertificate"/>): the client presents its
/// certificate, and talks only to a gateway whose certificate the cluster's CA issued for a silo.
/// </summary>
internal static class ClientTls
{
    public static void Configure(IClientBuilder client, ClusterCertificate certificate) =>
        client.UseTls(certificate.Certificate, tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = certificate.IsTrustedSilo;
        });
}
