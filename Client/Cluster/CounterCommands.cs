using System.CommandLine;
using System.Globalization;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Runtime.Client;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>counter get|add</c> and <c>cluster gateways</c>: the diagnostic counter grain and the gateway list through the cluster
/// client, for checking a cluster end to end (for example during a failover drill). Exit codes: 0 done, 1 the cluster did not
/// answer or the call failed, 2 bad input.
/// </summary>
internal static class CounterCommands
{
    public static Command CreateCounter()
    {
        var gateway = new GatewayOptions();
        var key = new Argument<string>("key") { Description = "The counter's key." };

        var get = new Command("get", "Print a counter's value.") { key };
        gateway.AddTo(get);
        get.SetAction((result, cancellationToken) => RunAsync(gateway.Read(result), Console.Out, Console.Error, cancellationToken,
            client => client.GetGrain<ICounterGrain>(result.GetValue(key)!).Get()));

        var delta = new Option<long>("--delta") { Description = "How much to add.", DefaultValueFactory = _ => 1 };
        var operation = new Option<string>("--op")
        {
            Description = "Operation id: a repeat with the same id counts once. Default: a new id.",
            DefaultValueFactory = _ => Guid.NewGuid().ToString("N"),
        };
        var add = new Command("add", "Add to a counter once per operation id and print its value.") { key, delta, operation };
        gateway.AddTo(add);
        add.SetAction((result, cancellationToken) => RunAsync(gateway.Read(result), Console.Out, Console.Error, cancellationToken,
            client => client.GetGrain<ICounterGrain>(result.GetValue(key)!).Add(result.GetValue(operation)!, result.GetValue(delta))));

        return new Command("counter", "Read and add to the diagnostic counter grains through the cluster client.") { get, add };
    }

    public static Command CreateGateways()
    {
        var gateway = new GatewayOptions();
        var gateways = new Command("gateways", "List the gateways of the cluster's active silos, as the cluster client learns them.");
        gateway.AddTo(gateways);
        gateways.SetAction((result, cancellationToken) => ListGatewaysAsync(gateway.Read(result), Console.Out, Console.Error, cancellationToken));
        return gateways;
    }

    /// <summary>Connects, runs one call, prints its result; see the class for the exit codes.</summary>
    public static async Task<int> RunAsync(
        ClusterClientOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken, Func<ClusterClient, Task<long>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await ClusterCall.WithClientAsync(options, errors, cancellationToken, async client =>
        {
            var value = await call(client);
            await output.WriteLineAsync(value.ToString(CultureInfo.InvariantCulture));
        });
    }

    /// <summary>Prints the cluster's gateways, one <c>host:port</c> per line.</summary>
    public static Task<int> ListGatewaysAsync(ClusterClientOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        ClusterCall.WithClientAsync(options, errors, cancellationToken, async client =>
        {
            await client.RefreshGatewaysAsync(cancellationToken);
            foreach (var gateway in client.KnownGateways.Order(StringComparer.Ordinal))
            {
                await output.WriteLineAsync(gateway);
            }
        });
}
