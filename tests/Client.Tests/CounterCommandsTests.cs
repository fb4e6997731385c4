using Actors.Client.Cluster;
using Actors.Grains.Diagnostics;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Runtime.Client;
using Actors.Runtime.Invocation;
using Actors.Runtime.Testing;

namespace Actors.Client.Tests;

/// <summary>The cluster-client commands against a real in-process silo listening on its gateway port.</summary>
public sealed class CounterCommandsTests
{
    static CounterCommandsTests() => GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);

    [Fact]
    public async Task Counter_add_counts_an_operation_id_once_and_get_prints_the_value()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Silo:ClusterId"] = "cli" });
        var options = Options(silo.Gateway);
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var first = await CounterCommands.RunAsync(options, output, errors, CancellationToken.None, c => c.GetGrain<ICounterGrain>("k").Add("op-1", 5));
        var repeat = await CounterCommands.RunAsync(options, output, errors, CancellationToken.None, c => c.GetGrain<ICounterGrain>("k").Add("op-1", 5));
        var get = await CounterCommands.RunAsync(options, output, errors, CancellationToken.None, c => c.GetGrain<ICounterGrain>("k").Get());

        Assert.Equal([0, 0, 0], new[] { first, repeat, get });
        Assert.Equal(["5", "5", "5"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, await silo.GrainFactory.GetGrain<ICounterGrain>("k").Get());
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public async Task Cluster_gateways_lists_the_gateway_of_every_active_silo()
    {
        await using var silo = await TestSilo.StartAsync(settings: new Dictionary<string, string?> { ["Silo:ClusterId"] = "cli" });
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await CounterCommands.ListGatewaysAsync(Options(silo.Gateway), output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal([silo.Gateway], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task No_answering_gateway_exits_1_and_a_malformed_gateway_exits_2()
    {
        using var output = new StringWriter();
        using var unreachable = new StringWriter();
        using var malformed = new StringWriter();

        var down = await CounterCommands.RunAsync(Options($"127.0.0.1:{SiloProcess.FreePort()}"), output, unreachable, CancellationToken.None, c => c.GetGrain<ICounterGrain>("k").Get());
        var bad = await CounterCommands.RunAsync(Options("no-port"), output, malformed, CancellationToken.None, c => c.GetGrain<ICounterGrain>("k").Get());

        Assert.Equal(1, down);
        Assert.Equal(2, bad);
        Assert.Contains("did not answer", unreachable.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-port", malformed.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    private static ClusterClientOptions Options(string gateway)
    {
        var options = new ClusterClientOptions { ClusterId = "cli", ConnectTimeout = TimeSpan.FromSeconds(5) };
        options.Gateways.Add(gateway);
        return options;
    }
}
