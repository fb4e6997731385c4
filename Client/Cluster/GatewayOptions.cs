using System.CommandLine;
using Actors.Runtime.Client;

namespace Actors.Client.Cluster;

/// <summary>The options of commands that call grains through the cluster client: <c>--gateway</c> and <c>--cluster-id</c>.</summary>
internal sealed class GatewayOptions
{
    public Option<string[]> Gateways { get; } = new("--gateway")
    {
        Description = "A silo's gateway as host:port (Silo:GatewayPort); repeat it to give several.",
        DefaultValueFactory = _ => ["127.0.0.1:30000"],
        // One value per --gateway, so that a command's arguments may follow it: --gateway a --gateway b.
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The cluster's id (Silo:ClusterId).",
        DefaultValueFactory = _ => "dev",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Gateways);
        command.Options.Add(ClusterId);
    }

    public ClusterClientOptions Read(ParseResult result)
    {
        var options = new ClusterClientOptions { ClusterId = result.GetValue(ClusterId) ?? "dev", ResponseTimeout = TimeSpan.FromSeconds(15) };
        foreach (var gateway in result.GetValue(Gateways) ?? [])
        {
            options.Gateways.Add(gateway);
        }

        return options;
    }
}
