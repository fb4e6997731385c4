using Actors.Client.Cluster;
using Actors.Client.Tests.Cluster;
using Actors.Grains.Interfaces.Diagnostics;

namespace Actors.Client.Tests;

/// <summary>The cluster-client commands against a real Orleans silo listening on its gateway port.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class CounterCommandsTests(ClusterSilo silo)
{
    [Fact]
    public async Task Counter_add_counts_an_operation_id_once_and_get_prints_the_value()
    {
        var options = Options(silo.Gateway);
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var first = await RunAsync(options, output, errors, c => c.GetGrain<ICounterGrain>("cli-counter").Add("op-1", 5));
        var repeat = await RunAsync(options, output, errors, c => c.GetGrain<ICounterGrain>("cli-counter").Add("op-1", 5));
        var get = await RunAsync(options, output, errors, c => c.GetGrain<ICounterGrain>("cli-counter").Get());

        Assert.Equal([0, 0, 0], new[] { first, repeat, get });
        Assert.Equal(["5", "5", "5"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, await silo.GrainFactory.GetGrain<ICounterGrain>("cli-counter").Get());
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public async Task Counter_add_and_get_on_the_command_line_print_the_value_once()
    {
        var added = await silo.RunAsync("counter", "add", "cli-counter-line", "--delta", "3", "--op", "line-1");
        var repeated = await silo.RunAsync("counter", "add", "cli-counter-line", "--delta", "3", "--op", "line-1");
        var read = await silo.RunAsync("counter", "get", "cli-counter-line");

        Assert.Equal((0, "3"), (added.Exit, added.Output.Trim()));
        Assert.Equal((0, "3"), (repeated.Exit, repeated.Output.Trim()));
        Assert.Equal((0, "3"), (read.Exit, read.Output.Trim()));
        Assert.Empty(added.Errors + repeated.Errors + read.Errors);
    }

    [Fact]
    public async Task Cluster_gateways_lists_the_gateway_of_every_active_silo()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exit = await CounterCommands.ListGatewaysAsync(Options(silo.Gateway), Cli.Offline(), output, errors, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal([silo.Gateway], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task No_answering_gateway_exits_1_and_a_malformed_gateway_exits_2()
    {
        using var output = new StringWriter();
        using var unreachable = new StringWriter();
        using var malformed = new StringWriter();

        var down = await RunAsync(Options($"127.0.0.1:{FreePorts.Next()}"), output, unreachable, c => c.GetGrain<ICounterGrain>("k").Get());
        var bad = await RunAsync(Options("no-port"), output, malformed, c => c.GetGrain<ICounterGrain>("k").Get());

        Assert.Equal(1, down);
        Assert.Equal(2, bad);
        Assert.Contains("did not answer", unreachable.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-port", malformed.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task A_dead_gateway_listed_beside_a_live_one_does_not_fail_the_command_and_the_operation_counts_once()
    {
        // Whichever gateway the client tries first, the command ends on the live one with one effect.
        var options = new ClusterClientOptions
        {
            ClusterId = ClusterSilo.ClusterId,
            Gateways = [$"127.0.0.1:{FreePorts.Next()}", silo.Gateway],
        };
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var first = await RunAsync(options, output, errors, c => c.GetGrain<ICounterGrain>("cli-counter-failover").Add("op-1", 2));
        var second = await RunAsync(options, output, errors, c => c.GetGrain<ICounterGrain>("cli-counter-failover").Add("op-2", 3));

        Assert.Equal((0, 0), (first, second));
        Assert.Equal(["2", "5"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, await silo.GrainFactory.GetGrain<ICounterGrain>("cli-counter-failover").Get());
        Assert.Empty(errors.ToString());
    }

    private static Task<int> RunAsync(
        ClusterClientOptions options, TextWriter output, TextWriter errors, Func<IGrainFactory, Task<long>> call) =>
        CounterCommands.RunAsync(options, Cli.Offline(), output, errors, call, CancellationToken.None);

    private static ClusterClientOptions Options(string gateway) =>
        new() { ClusterId = ClusterSilo.ClusterId, Gateways = [gateway], Timeout = TimeSpan.FromSeconds(3) };
}
