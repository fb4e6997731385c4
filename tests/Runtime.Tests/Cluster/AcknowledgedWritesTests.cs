using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class AcknowledgedWritesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task No_acknowledged_increment_is_lost_while_silos_are_killed_and_restarted()
    {
        await using var cluster = await ClusterLivenessTests.StartAsync(["a", "b", "a"]);
        const int Counters = 8, ClientsPerCounter = 3, IncrementsPerClient = 40;
        var acknowledged = new long[Counters];
        using var stop = new CancellationTokenSource();

        var clients = Enumerable.Range(0, Counters * ClientsPerCounter).Select(client => Task.Run(async () =>
        {
            var counter = client % Counters;
            for (var i = 0; i < IncrementsPerClient; i++)
            {
                var operation = $"client-{client}-op-{i}";
                await AddUntilAcknowledgedAsync(cluster, $"ledger-{counter}", operation);
                Interlocked.Increment(ref acknowledged[counter]);
            }
        })).ToArray();

        // Kill a silo while the clients run, then a second one, restarting in between.
        await Wait.UntilAsync(() => acknowledged.Sum() > 100, "some increments before the first kill");
        await cluster.KillAsync(1);
        await Wait.UntilAsync(() => acknowledged.Sum() > 300, "increments after the first kill", TimeSpan.FromSeconds(30));
        await cluster.StartSiloAsync("b");
        await Wait.UntilAsync(() => acknowledged.Sum() > 500, "increments after the restart", TimeSpan.FromSeconds(30));
        await cluster.KillAsync(0);
        await Wait.ForAsync(Task.WhenAll(clients).ContinueWith(_ => 0, TaskScheduler.Default), "every client to finish", TimeSpan.FromSeconds(90));
        Assert.All(clients, c => Assert.True(c.IsCompletedSuccessfully));

        var live = cluster.Live.First().GrainFactory;
        var totals = await Task.WhenAll(Enumerable.Range(0, Counters).Select(c => live.GetGrain<ILedgerGrain>($"ledger-{c}").Total()));
        if (!acknowledged.SequenceEqual(totals))
        {
            for (var c = 0; c < Counters; c++)
            {
                var stored = await cluster.Storage.ReadAsync(GrainId.Create("ledger", $"ledger-{c}"), "ledger", default);
                output.WriteLine($"ledger-{c}: read {totals[c]}, stored v{stored?.Version}: {System.Text.Encoding.UTF8.GetString(stored?.Data ?? [])[..40]}");
            }

            foreach (var s in cluster.Live)
            {
                output.WriteLine($"silo {s.Runtime().SiloAddress} fenced={s.Runtime().IsFenced} view v{s.Runtime().Membership.View.Version}: {string.Join(";", s.Runtime().Membership.View.Members.Select(m => $"{m.Silo.Port}:{m.Status}"))} activations={s.Silo.ActivationCount}");
            }
        }

        Assert.Equal(acknowledged, totals);
        Assert.All(totals, t => Assert.Equal(ClientsPerCounter * IncrementsPerClient, t));
    }

    // A client that gets no answer retries the same operation id through any live silo until it is acknowledged, backing off
    // briefly between attempts as a real client would, and gives up after a minute.
    private static async Task AddUntilAcknowledgedAsync(TestCluster cluster, string key, string operation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var live = cluster.Live.ToArray();
            try
            {
                if (live.Length > 0)
                {
                    await live[attempt % live.Length].GrainFactory.GetGrain<ILedgerGrain>(key).Add(operation, 1);
                    return;
                }
            }
            catch (Exception error) when (clock.Elapsed < TimeSpan.FromMinutes(1)
                && error is SiloUnavailableException or TimeoutException or InconsistentStateException or StorageException or ObjectDisposedException or OperationCanceledException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * Math.Min(attempt + 1, 10)));
        }
    }
}
