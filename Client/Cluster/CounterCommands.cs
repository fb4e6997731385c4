using System.CommandLine;
using System.Globalization;
using System.Net;
using Actors.Grains.Interfaces.Diagnostics;
using Orleans.Runtime;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>counter get|add</c> and <c>cluster gateways</c>: the diagnostic counter grain and the gateway list through the cluster
/// client, for checking a cluster end to end (for example during a failover drill). Exit codes: 0 done, 1 the cluster did not
/// answer or the call failed, 2 bad input.
/// </summary>
internal static class CounterCommands
{
    public static Command CreateCounter(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var gateway = new GatewayOptions();
        var key = new Argument<string>("key") { Description = "The counter's key." };

        var get = new Command("get", "Print a counter's value.") { key };
        gateway.AddTo(get);
        get.SetAction((result, cancellationToken) =>
        {
            var counter = result.GetValue(key)!;
            return RunAsync(gateway.Read(result, services.Variable), services, Output(result), Error(result),
                grains => grains.GetGrain<ICounterGrain>(counter).Get(), cancellationToken);
        });

        var delta = new Option<long>("--delta") { Description = "How much to add.", DefaultValueFactory = _ => 1 };
        var operation = new Option<string>("--op")
        {
            Description = "Operation id: a repeat with the same id counts once. Default: a new id.",
            DefaultValueFactory = _ => Guid.NewGuid().ToString("N"),
        };
        var add = new Command("add", "Add to a counter once per operation id and print its value.") { key, delta, operation };
        gateway.AddTo(add);
        add.SetAction((result, cancellationToken) =>
        {
            // Read once: every attempt of the call carries the same operation id, so a retry counts once.
            var (counter, amount, op) = (result.GetValue(key)!, result.GetValue(delta), result.GetValue(operation)!);
            return RunAsync(gateway.Read(result, services.Variable), services, Output(result), Error(result),
                grains => grains.GetGrain<ICounterGrain>(counter).Add(op, amount), cancellationToken);
        });

        return new Command("counter", "Read and add to the diagnostic counter grains through the cluster client.") { get, add };
    }

    public static Command CreateGateways(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var gateway = new GatewayOptions();
        var gateways = new Command("gateways", "List the gateways of the cluster's active silos, as the cluster client learns them.");
        gateway.AddTo(gateways);
        gateways.SetAction((result, cancellationToken) =>
            ListGatewaysAsync(gateway.Read(result, services.Variable), services, Output(result), Error(result), cancellationToken));
        return gateways;
    }

    /// <summary>Connects, runs one call, prints its result; see the class for the exit codes.</summary>
    public static Task<int> RunAsync(
        ClusterClientOptions options, CommandServices services, TextWriter output, TextWriter errors, Func<IGrainFactory, Task<long>> call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ClusterCall.RunAsync(
            options, services, errors, call, value => output.WriteLineAsync(value.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);
    }

    /// <summary>Prints the gateways of the cluster's active silos, one <c>host:port</c> per line, as the membership lists them.</summary>
    public static Task<int> ListGatewaysAsync(
        ClusterClientOptions options, CommandServices services, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ClusterCall.RunAsync(options, services, errors, ActiveGatewaysAsync, async gateways =>
        {
            foreach (var gateway in gateways)
            {
                await output.WriteLineAsync(gateway);
            }
        }, cancellationToken);
    }

    // The management grain answers from the membership table; a silo without a gateway (port 0) takes no clients.
    private static async Task<string[]> ActiveGatewaysAsync(IGrainFactory grains)
    {
        var silos = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return
        [
            .. silos.Where(s => s.Status == SiloStatus.Active && s.ProxyPort > 0)
                .Select(s => new IPEndPoint(s.SiloAddress.Endpoint.Address, s.ProxyPort).ToString())
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ];
    }

    private static TextWriter Output(ParseResult result) => result.InvocationConfiguration.Output;

    private static TextWriter Error(ParseResult result) => result.InvocationConfiguration.Error;
}
