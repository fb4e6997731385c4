using Actors.Grains.Interfaces.Security;

namespace Actors.Client.Cluster;

/// <summary>
/// Starts a cluster client for one command: one attempt, which fails with a <see cref="ClusterFaults"/> fault when no gateway
/// answers (the command then tries again, on a new client, until its deadline).
/// </summary>
/// <param name="options">Checked options: gateways, cluster id, response timeout.</param>
/// <param name="certificate">The client certificate to present to TLS gateways, with the rule that trusts them; null for plain TCP.</param>
/// <param name="cancellationToken">Cancelled at the command's deadline.</param>
internal delegate Task<IClusterConnection> ClusterConnector(
    ClusterClientOptions options, ClusterCertificate? certificate, CancellationToken cancellationToken);
