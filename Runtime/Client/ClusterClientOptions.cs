using System.Text.RegularExpressions;

namespace Actors.Runtime.Client;

/// <summary>How a <see cref="ClusterClient"/> finds and talks to the cluster. Bound from the <c>Client</c> configuration section.</summary>
public sealed partial class ClusterClientOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Client";

    /// <summary>
    /// Gateways to start from, as <c>host:port</c> (a silo's <c>Silo:GatewayPort</c>). One live gateway is enough: the
    /// client learns the others from it and fails over to them.
    /// </summary>
    public IList<string> Gateways { get; } = [];

    /// <summary>The cluster to join; a gateway of another cluster closes the connection. Default <c>dev</c>.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>How long a call may take, retries through other gateways included, unless its method says otherwise. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to one gateway (TCP and hello) may take. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the client asks its gateway for the cluster's current gateways. Default 10 s.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a gateway that could not be reached is skipped while others remain. Default 1 s.</summary>
    public TimeSpan GatewayRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options; returns the first problem, naming the setting, or null.</summary>
    public string? Validate()
    {
        if (Gateways.Count == 0)
        {
            return "Client:Gateways must name at least one gateway (host:port).";
        }

        foreach (var gateway in Gateways)
        {
            if (!GatewayEndpoint.TryParse(gateway, out _))
            {
                return $"Client:Gateways entry '{gateway}' is not host:port with a port in 1..65535.";
            }
        }

        if (ResponseTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || GatewayListRefreshPeriod <= TimeSpan.Zero || GatewayRetryDelay < TimeSpan.Zero)
        {
            return "Client timings (ResponseTimeout, ConnectTimeout, GatewayListRefreshPeriod) must be positive.";
        }

        return ClusterIdPattern().IsMatch(ClusterId ?? "") ? null : "Client:ClusterId must be 1-64 letters, digits, '.', '_' or '-'.";
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ClusterIdPattern();
}
