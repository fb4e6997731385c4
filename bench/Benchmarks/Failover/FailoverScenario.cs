using System.Diagnostics;
using System.Globalization;
using Actors.Benchmarks.Load;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Testing;
using Actors.Testing.Postgres;

namespace Actors.Benchmarks.Failover;

/// <summary>
/// Failover time with real Silo processes: three silos (zones a, b, a) lose silo 1, and four (a, b, a, b) lose zone b. A
/// cluster client connected to the surviving silos' gateways gives <see cref="Grains"/> counters one committed increment;
/// the victims are SIGKILLed; every counter is then called until it answers with its committed value. The figure is the time
/// from the kill to the last counter answering: the dead silos detected, their grains placed again and reactivated from
/// storage. Each scenario runs with the Silo host's tuned failure detection and with Orleans's defaults
/// (<see cref="MembershipTimings"/>); the baseline in the same run is the time for the same calls before the kill.
/// </summary>
internal static class FailoverScenario
{
    public const int Grains = 1_000;
    private const string ServiceId = "actors";

    public static async Task<IReadOnlyList<FailoverResult>> RunAsync(LoadSettings settings, IReadOnlyList<string> profiles)
    {
        var results = new List<FailoverResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            foreach (var profile in profiles)
            {
                results.Add(await MeasureAsync(settings.Provider, profile, ["a", "b", "a"], victims: [1]));
                Console.WriteLine("  " + results[^1]);
                results.Add(await MeasureAsync(settings.Provider, profile, ["a", "b", "a", "b"], victims: [1, 3]));
                Console.WriteLine("  " + results[^1]);
            }
        }

        return results;
    }

    private static async Task<FailoverResult> MeasureAsync(string provider, string profile, string[] zones, int[] victims)
    {
        var clusterId = $"failover-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>(MembershipTimings.Settings(profile))
        {
            ["Storage:Provider"] = provider,
            ["Silo:ServiceId"] = ServiceId,
        };
        if (provider == "postgres")
        {
            // Four silos, each with pools for state, membership and reminders, must fit the server's connections.
            var database = await PostgresServer.Shared.CreateDatabaseAsync($"failover_{Guid.NewGuid():N}");
            settings["Storage:ConnectionString"] = database + ";Maximum Pool Size=8";
        }

        await using var cluster = await ProcessCluster.StartAsync(clusterId, zones, settings);
        var survivors = Enumerable.Range(0, zones.Length).Except(victims).ToArray();
        await using var client = await ClusterClient.ConnectAsync(clusterId, ServiceId, cluster.Gateways(survivors));
        var counters = Enumerable.Range(0, Grains).Select(i => client.GrainFactory.GetGrain<ICounterGrain>($"f{i}")).ToArray();
        await Task.WhenAll(counters.Select((c, i) => SeedAsync(c, $"seed-{i}")));

        var before = Stopwatch.StartNew();
        await Task.WhenAll(counters.Select(c => c.Get()));
        before.Stop();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(victims.Select(v => cluster.Silos[v].KillAsync()));
        var answered = await Task.WhenAll(counters.Select(c => AnsweredAfterAsync(c, clock)));
        Array.Sort(answered);
        var what = victims.Length == 1
            ? $"one silo of {zones.Length} killed"
            : $"zone b ({victims.Length} of {zones.Length} silos) killed";
        var name = string.Create(CultureInfo.InvariantCulture, $"{provider}, {profile}, {what}");
        return new FailoverResult(name, answered[^1], answered[answered.Length / 2], before.Elapsed, Grains);
    }

    // The first calls activate the counters and commit through a cold store: a timed-out increment is repeated with its
    // operation id, which counts once.
    private static async Task SeedAsync(ICounterGrain counter, string operationId)
    {
        while (true)
        {
            try
            {
                await counter.Add(operationId, 1);
                return;
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                // Not committed, or committed but not answered in time: the repeat tells which.
            }
        }
    }

    // Calls the counter until it answers with its committed value; returns when that happened, on the kill's clock.
    private static async Task<TimeSpan> AnsweredAfterAsync(ICounterGrain counter, Stopwatch clock)
    {
        while (true)
        {
            try
            {
                return await counter.Get() == 1
                    ? clock.Elapsed
                    : throw new InvalidOperationException("A counter lost its committed increment.");
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                // Lost with a connection, timed out, or refused while the cluster reorganizes: call again.
            }
        }
    }
}
