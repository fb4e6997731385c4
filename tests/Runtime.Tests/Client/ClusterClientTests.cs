using Actors.Runtime.Client;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Cluster;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Client;

/// <summary>A cluster client outside the silos: calls through a gateway, learns the other gateways, and fails over.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterClientTests
{
    [Fact]
    public async Task A_client_calls_grains_on_every_silo_through_one_gateway()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        await using var client = await cluster.ConnectClientAsync([cluster.Silos[0]!.Gateway]);

        var values = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IStateGrain>($"c{i}").Add(i + 1)));
        var reread = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => cluster.Silos[2]!.GrainFactory.GetGrain<IStateGrain>($"c{i}").Get()));

        Assert.Equal(Enumerable.Range(1, 60), values);
        Assert.Equal(Enumerable.Range(1, 60), reread);
        Assert.All(cluster.Live, s => Assert.True(s.Silo.ActivationCount > 0, "every silo holds some of the grains"));
        Assert.Equal(cluster.Silos[0]!.Gateway, client.CurrentGateway);
        Assert.Equal(0, client.PendingCount);
    }

    [Fact]
    public async Task Grain_errors_reach_the_client_as_their_own_types()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b"]);
        await using var client = await cluster.ConnectClientAsync();
        var grain = client.GetGrain<IProbeGrain>("thrower");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("client boom"));
        var unknown = await Assert.ThrowsAsync<UnknownGrainTypeException>(() => client.GetGrain<IUnimplementedGrain>("x").Ping());

        Assert.Equal("client boom", thrown.Message);
        Assert.Contains("IUnimplementedGrain", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("after", await grain.Echo("after"));
    }

    [Fact]
    public async Task A_client_learns_every_gateway_from_the_one_it_was_given()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        await using var client = await cluster.ConnectClientAsync([cluster.Silos[1]!.Gateway]);

        await client.RefreshGatewaysAsync();

        Assert.Equal(cluster.Gateways.Order(), client.KnownGateways.Order());
    }

    [Fact]
    public async Task When_its_gateway_is_killed_the_client_goes_through_another_and_state_is_intact()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        var first = cluster.Silos[1]!.Gateway;
        await using var client = await cluster.ConnectClientAsync([first]);
        await client.RefreshGatewaysAsync();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"f{i}").Add(i + 1)));

        await cluster.KillAsync(1);

        int[]? values = null;
        await Wait.UntilAsync(
            async () =>
            {
                try
                {
                    values = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.GetGrain<IStateGrain>($"f{i}").Get()));
                    return true;
                }
                catch (SiloUnavailableException)
                {
                    return false; // Calls in flight when the gateway died may fail; the next round goes through another gateway.
                }
            },
            "every grain to answer through a live gateway",
            TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(1, 100), values);
        Assert.NotEqual(first, client.CurrentGateway);
        Assert.Contains(client.CurrentGateway, cluster.Gateways);
    }

    [Fact]
    public async Task A_gateway_stopping_gracefully_loses_no_call_of_a_busy_client()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        await using var client = await cluster.ConnectClientAsync([cluster.Silos[2]!.Gateway]);
        await client.RefreshGatewaysAsync();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var done = 0;
            while (!stop.IsCancellationRequested)
            {
                await client.GetGrain<IStateGrain>($"busy{c}").Add(1);
                done++;
            }

            return done;
        })).ToArray();
        await Wait.UntilAsync(() => client.PendingCount > 0, "the callers to be under way");

        await cluster.StopAsync(2);
        await cluster.WaitForActiveAsync(2);
        var before = await Task.WhenAll(Enumerable.Range(0, 8).Select(c => client.GetGrain<IStateGrain>($"busy{c}").Get()));
        await Wait.UntilAsync(
            async () => (await Task.WhenAll(Enumerable.Range(0, 8).Select(c => client.GetGrain<IStateGrain>($"busy{c}").Get()))).Sum() > before.Sum() + 8,
            "the callers to keep going through another gateway");
        await stop.CancelAsync();
        var done = await Task.WhenAll(callers);

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(c => client.GetGrain<IStateGrain>($"busy{c}").Get()));
        Assert.Equal(done, values);
        Assert.Equal(2, cluster.Gateways.Count);
        Assert.Contains(client.CurrentGateway, cluster.Gateways);
    }

    [Fact]
    public async Task A_client_of_another_cluster_is_turned_away_and_bad_options_name_the_setting()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a"]);

        var refused = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => cluster.ConnectClientAsync(configure: o => { o.ClusterId = "other"; o.ConnectTimeout = TimeSpan.FromSeconds(5); }));
        var noGateway = await Assert.ThrowsAsync<ArgumentException>(() => ClusterClient.ConnectAsync(new ClusterClientOptions()));
        var badGateway = await Assert.ThrowsAsync<ArgumentException>(() => cluster.ConnectClientAsync(["127.0.0.1:0"]));
        var deadGateway = await Assert.ThrowsAsync<SiloUnavailableException>(() => cluster.ConnectClientAsync([$"127.0.0.1:{SiloProcess.FreePort()}"]));

        Assert.Contains("other", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Client:Gateways", noGateway.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:0", badGateway.Message, StringComparison.Ordinal);
        Assert.True(deadGateway.CallNotRun);
    }
}
