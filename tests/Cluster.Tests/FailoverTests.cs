using System.Diagnostics;
using Actors.Testing;
using Actors.Testing.Postgres;
using Xunit.Abstractions;

namespace Actors.Cluster.Tests;

/// <summary>
/// Real Silo processes, SIGKILLed: every grain of the dead silos answers again from a live silo with its last committed state,
/// and no acknowledged write is lost, on SQLite and on PostgreSQL. The time from the kill to the last moved grain answering is
/// written to the test output (never asserted: it is a figure, measured on a loaded machine).
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int CounterCount = 200;
    private const int Writers = 4;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task A_SIGKILLed_silo_of_three_loses_no_acknowledged_write_and_its_grains_answer_from_the_live_silos(string storage) =>
        KillAndCheckAsync(storage, zones: ["a", "b", "a"], victims: [2]);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public Task Killing_every_silo_of_a_zone_loses_no_acknowledged_write_and_its_grains_answer_from_the_other_zone(string storage) =>
        KillAndCheckAsync(storage, zones: ["a", "b", "a", "b"], victims: [0, 2]);

    private async Task KillAndCheckAsync(string storage, string[] zones, int[] victims)
    {
        var clusterId = $"failover-{storage}-{zones.Length}";
        await using var cluster = await ProcessCluster.StartAsync(clusterId, zones, await StorageAsync(storage, clusterId));
        var silos = cluster.Silos;
        await using var connection = await ClusterTestClient.ConnectAsync(clusterId, cluster.Gateways());
        var counters = new Counters(connection.Client, "c", CounterCount);
        await Task.WhenAll(Enumerable.Range(0, CounterCount).Select(i => counters.AddOnceAsync(i, $"seed-{i}")));

        // The kill must hit grains, and zone placement must have spread them over both zones.
        var before = await Placement.OfCountersAsync(connection, counters);
        var victimPorts = victims.Select(v => silos[v].SiloPort).ToHashSet();
        var moved = Enumerable.Range(0, CounterCount).Where(i => victimPorts.Contains(before[i].Endpoint.Port)).ToList();
        Assert.NotEmpty(moved);
        var zoneOfPort = Enumerable.Range(0, zones.Length).ToDictionary(i => silos[i].SiloPort, i => zones[i]);
        var inA = before.Values.Count(s => zoneOfPort[s.Endpoint.Port] == "a");
        Assert.InRange(inA, CounterCount / 5, CounterCount * 4 / 5);

        using var stop = new CancellationTokenSource();
        var writers = counters.StartWriters(Writers, stop.Token);
        await Wait.UntilAsync(() => counters.AcknowledgedTotal > CounterCount + 50, "the writers to be under way");

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(victims.Select(v => silos[v].KillAsync()));
        var atKill = counters.AcknowledgedTotal;
        var answered = await Task.WhenAll(moved.Select(i => counters.AnsweredAfterAsync(i, clock)));
        output.WriteLine(
            $"{storage}: {victims.Length} of {zones.Length} silos SIGKILLed; the {moved.Count} counters they held all answered " +
            $"{answered.Max().TotalSeconds:F2} s after the kill (median {Median(answered).TotalSeconds:F2} s).");

        await Wait.UntilAsync(() => counters.AcknowledgedTotal > atKill + 100, "writes to go on after the kill", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        long[]? final = null;
        await Wait.UntilAsync(async () => (final = await counters.TryReadAllAsync()) is not null, "every counter to answer", TimeSpan.FromSeconds(30));
        Assert.Equal(counters.Acknowledged, final);
        var after = await Placement.OfCountersAsync(connection, counters);
        Assert.DoesNotContain(after.Values, s => victimPorts.Contains(s.Endpoint.Port));
        await cluster.WaitForActiveAsync(zones.Length - victims.Length);
    }

    private static async Task<Dictionary<string, string>> StorageAsync(string storage, string clusterId) => storage switch
    {
        "sqlite" => [],
        "postgres" => new()
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync($"{clusterId.Replace('-', '_')}_{Guid.NewGuid():N}"[..40]),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "sqlite or postgres"),
    };

    private static TimeSpan Median(TimeSpan[] values) => values.Order().ElementAt(values.Length / 2);
}
