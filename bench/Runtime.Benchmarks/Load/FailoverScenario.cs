using System.Diagnostics;
using System.Globalization;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Runtime.Client;
using Actors.Runtime.Testing;
using Actors.Runtime.Testing.Postgres;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>
/// Failover time: three Silo processes (zones a, b, a) lose silo 1, and four (a, b, a, b) lose zone b; a cluster client
/// (through the surviving silos' gateways) gives 1,000 counters one committed increment; the victims are SIGKILLed; every
/// counter is then called until it answers with its committed value. The figure is the time from the kill to the last counter answering, that is, until every grain of the
/// killed silo answers again from a live one. The baseline in the same run is the time for the same 1,000 calls before the kill.
/// </summary>
public static class FailoverScenario
{
    private const int Grains = 1_000;

    public static async Task<IReadOnlyList<FailoverResult>> RunAsync(LoadSettings settings)
    {
        var results = new List<FailoverResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            results.Add(await MeasureAsync(settings, $"silo-{run}", ["a", "b", "a"], victims: [1]).ConfigureAwait(false));
            Console.WriteLine("  " + results[^1]);
            results.Add(await MeasureAsync(settings, $"zone-{run}", ["a", "b", "a", "b"], victims: [1, 3]).ConfigureAwait(false));
            Console.WriteLine("  " + results[^1]);
        }

        return results;
    }

    private static async Task<FailoverResult> MeasureAsync(LoadSettings settings, string name, string[] zones, int[] victims)
    {
        var storage = new Dictionary<string, string> { ["Storage:Provider"] = settings.Provider };
        if (settings.Provider == "postgres")
        {
            // Four silos, each with pools for state, membership and reminders, must fit the server's 100 connections.
            var database = await PostgresServer.Shared.CreateDatabaseAsync($"failover_{Guid.NewGuid():N}").ConfigureAwait(false);
            storage["Storage:ConnectionString"] = database + ";Maximum Pool Size=8";
        }

        await using var cluster = await ProcessCluster.StartAsync($"failover-{name}", zones, storage).ConfigureAwait(false);
        var survivors = Enumerable.Range(0, zones.Length).Except(victims).ToArray();
        await using var client = await ClusterClient.ConnectAsync(cluster.ClientOptions(survivors)).ConfigureAwait(false);
        var counters = Enumerable.Range(0, Grains).Select(i => client.GetGrain<ICounterGrain>($"f{i}")).ToArray();
        await Task.WhenAll(counters.Select((c, i) => c.Add($"seed-{i}", 1))).ConfigureAwait(false);

        var before = Stopwatch.StartNew();
        await Task.WhenAll(counters.Select(c => c.Get())).ConfigureAwait(false);
        before.Stop();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(victims.Select(v => cluster.Silos[v].KillAsync())).ConfigureAwait(false);
        var answered = await Task.WhenAll(counters.Select(c => AnsweredAfterAsync(c, clock))).ConfigureAwait(false);
        Array.Sort(answered);
        var what = victims.Length == 1 ? "one silo of 3 killed" : $"zone b ({victims.Length} of {zones.Length} silos) killed";
        return new FailoverResult($"{settings.Provider}, {what}", answered[^1], answered[answered.Length / 2], before.Elapsed);
    }

    // Calls the counter until it answers with its committed value; returns when that happened, on the kill's clock.
    private static async Task<TimeSpan> AnsweredAfterAsync(ICounterGrain counter, Stopwatch clock)
    {
        while (true)
        {
            try
            {
                if (await counter.Get().ConfigureAwait(false) == 1)
                {
                    return clock.Elapsed;
                }

                throw new InvalidOperationException("A counter lost its committed increment.");
            }
            catch (SiloUnavailableException)
            {
                // Lost with a connection while the cluster reorganized: call again.
            }
        }
    }
}

/// <summary>One failover run: the slowest and the median counter to answer after the kill, and 1,000 calls before it.</summary>
public sealed record FailoverResult(string Name, TimeSpan AllAnswered, TimeSpan MedianAnswered, TimeSpan CallsBeforeKill)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: all 1,000 grains answering {AllAnswered.TotalMilliseconds,7:N0} ms after SIGKILL (median grain {MedianAnswered.TotalMilliseconds,5:N0} ms; the same 1,000 calls before the kill: {CallsBeforeKill.TotalMilliseconds,4:N0} ms)");
}
