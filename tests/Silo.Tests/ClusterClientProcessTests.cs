using System.Collections.Concurrent;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Runtime;
using Actors.Runtime.Client;
using Actors.Runtime.Testing;

namespace Actors.Silo.Tests;

/// <summary>
/// Three real Silo processes on one SQLite database, driven only through the cluster client: one is SIGKILLed while clients
/// increment counters, and every counter answers again with exactly the increments that were acknowledged.
/// </summary>
public sealed class ClusterClientProcessTests
{
    private const int Counters = 100;

    [Fact]
    public async Task Through_the_cluster_client_every_counter_survives_a_SIGKILLed_silo_with_every_acknowledged_increment()
    {
        await using var cluster = await ProcessCluster.StartAsync("client-processes", ["a", "b", "a"]);
        var silos = cluster.Silos;
        var options = cluster.ClientOptions(1);
        options.ResponseTimeout = TimeSpan.FromSeconds(10);
        await using var client = await ClusterClient.ConnectAsync(options);
        await Wait.UntilAsync(async () =>
        {
            await client.RefreshGatewaysAsync();
            return client.KnownGateways.Count == 3;
        }, "the client to learn all three gateways", TimeSpan.FromSeconds(30));

        // Every counter gets one committed increment before the kill.
        var acknowledged = new long[Counters];
        await Task.WhenAll(Enumerable.Range(0, Counters).Select(async i =>
        {
            await AddOnceAsync(client, i, $"seed-{i}");
            Interlocked.Increment(ref acknowledged[i]);
        }));

        // Writers keep incrementing (retrying each operation id until it is acknowledged) while silo 1, the client's
        // first gateway, dies.
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<Exception>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var i = (w * 37 + n) % Counters;
                try
                {
                    await AddOnceAsync(client, i, $"w{w}-{n}");
                    Interlocked.Increment(ref acknowledged[i]);
                }
                catch (TimeoutException error)
                {
                    failures.Add(error); // Never acknowledged: it may or may not have counted, so stop here.
                    return;
                }
            }
        })).ToArray();
        await Wait.UntilAsync(() => Volatile.Read(ref acknowledged[37]) > 1, "the writers to be under way");

        await silos[1].KillAsync();
        var atKill = acknowledged.Sum();
        await Wait.UntilAsync(() => acknowledged.Sum() > atKill + 50, "writes to go on through the surviving gateways", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        long[]? final = null;
        await Wait.UntilAsync(async () => (final = await TryReadAllAsync(client)) is not null, "every counter to answer", TimeSpan.FromSeconds(30));
        Assert.Empty(failures);
        Assert.Equal(acknowledged, final);
        Assert.NotEqual(silos[1].Gateway, client.CurrentGateway);
    }

    // Retries one increment with the same operation id until it is acknowledged: it counts once however often it is sent.
    private static async Task AddOnceAsync(ClusterClient client, int counter, string operationId)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.GetGrain<ICounterGrain>($"c{counter}").Add(operationId, 1);
                return;
            }
            catch (Exception error) when (error is SiloUnavailableException or GrainCallTimeoutException && elapsed.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Lost with its connection or timed out while the cluster reorganized: send it again.
            }
            catch (Exception error) when (error is SiloUnavailableException or GrainCallTimeoutException)
            {
                throw new TimeoutException($"Increment {operationId} of counter c{counter} was not acknowledged within 30 s.", error);
            }
        }
    }

    private static async Task<long[]?> TryReadAllAsync(ClusterClient client)
    {
        try
        {
            return await Task.WhenAll(Enumerable.Range(0, Counters).Select(i => client.GetGrain<ICounterGrain>($"c{i}").Get()));
        }
        catch (Exception error) when (error is SiloUnavailableException or GrainCallTimeoutException)
        {
            return null;
        }
    }
}
