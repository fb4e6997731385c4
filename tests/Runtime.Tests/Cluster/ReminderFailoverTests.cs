using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Cluster;

/// <summary>Durable reminders in an in-process cluster on real time: each fired by the grain's owner, surviving the owner's death.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderFailoverTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Grains = 12;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Reminders_tick_exactly_once_per_period_in_committed_state_across_a_silo_kill()
    {
        var board = new ReminderBoard();
        await using var cluster = await TestCluster.StartAsync(
            ["a", "b", "a"],
            settings: new Dictionary<string, string?>
            {
                ["Silo:Reminders:MinimumPeriod"] = "00:00:00.100",
                ["Silo:Reminders:RetryDelay"] = "00:00:00.100",
                // Longer than the test: only the membership change can make the live silos take the reminders over.
                ["Silo:Reminders:RefreshPeriod"] = "00:10:00",
            },
            configureServices: services => services.AddSingleton(board));
        var keys = Enumerable.Range(0, Grains).Select(i => $"ledger-{i}").ToArray();
        var ids = keys.Select(k => GrainId.Create("tick-ledger", k)).ToArray();
        var client = cluster.Silos[0]!.GrainFactory;
        await Task.WhenAll(keys.Select(k => client.GetGrain<ITickLedgerGrain>(k).Start(Period)));

        // Each silo runs exactly the reminders of the grains it owns, and the grains tick there.
        var silos = cluster.Live.ToArray();
        var owners = ids.Select(id => silos[0].Runtime().Router.OwnerOf(id)).ToArray();
        await Wait.UntilAsync(
            () => silos.All(s => s.Runtime().Reminders.Count == owners.Count(o => o == s.Runtime().SiloAddress)),
            "each silo to run the reminders of its own grains");
        await Wait.UntilAsync(() => keys.All(k => Max(board, k) >= 3), "every reminder to tick a few times", TimeSpan.FromSeconds(30));
        for (var i = 0; i < Grains; i++)
        {
            var owner = silos.Single(s => s.Runtime().SiloAddress == owners[i]);
            Assert.True(owner.Runtime().Catalog.TryGet(ids[i], out _), $"{keys[i]} ticks on a silo other than its owner");
        }

        // Kill the silo that owns the most grains: its reminders must move to the live silos and go on from where they were.
        var victim = Enumerable.Range(0, silos.Length).MaxBy(i => owners.Count(o => o == silos[i].Runtime().SiloAddress));
        var moved = keys.Where((_, i) => owners[i] == silos[victim].Runtime().SiloAddress).ToArray();
        var atKill = keys.ToDictionary(k => k, k => Max(board, k));
        await cluster.KillAsync(victim);
        await cluster.WaitForActiveAsync(2, TimeSpan.FromSeconds(30));
        await Wait.UntilAsync(() => keys.All(k => Max(board, k) >= atKill[k] + 8), "every reminder to tick on after the kill", TimeSpan.FromSeconds(60));

        var live = cluster.Live.First().GrainFactory;
        foreach (var key in keys)
        {
            var committed = await live.GetGrain<ITickLedgerGrain>(key).Committed();
            output.WriteLine($"{key}{(moved.Contains(key) ? " (moved)" : "")}: committed 0..{committed[^1]}, delivered {board.Sequences(key, TickLedgerGrain.ReminderName).Count} times");
            Assert.Equal(Enumerable.Range(0, committed.Length).Select(i => (long)i), committed);
            Assert.True(committed[^1] >= atKill[key] + 8, $"{key} committed up to {committed[^1]} only; it was at {atKill[key]} when the silo was killed");
        }

        Assert.NotEmpty(moved);
        var deliveries = board.Deliveries.GroupBy(d => (d.Grain, d.Status.Sequence)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(deliveries, d => Assert.InRange(d.Value, 1, 2));
        Assert.Equal(Grains, cluster.Live.Sum(s => s.Runtime().Reminders.Count));
    }

    private static long Max(ReminderBoard board, string key) => board.Sequences(key, TickLedgerGrain.ReminderName).DefaultIfEmpty(-1).Max();
}
