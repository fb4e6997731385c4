using System.Collections.Concurrent;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Actors.Silo.Tests;

/// <summary>
/// Three real Silo processes on one SQLite database, driven only through Orleans's cluster client: one is SIGKILLed while
/// clients increment counters, and every counter answers again with exactly the increments that were acknowledged.
/// </summary>
public sealed class ClusterClientProcessTests
{
    private const int Counters = 100;

    // The silos' Silo:ServiceId default, which the cluster's settings leave as it is.
    private const string ServiceId = "actors";

    [Fact]
    public async Task Through_the_cluster_client_every_counter_survives_a_SIGKILLed_silo_with_every_acknowledged_increment()
    {
        await using var cluster = await ProcessCluster.StartAsync("client-processes", ["a", "b", "a"]);
        using var host = await ClientAsync(cluster);
        var client = host.Services.GetRequiredService<IClusterClient>();

        // Every counter gets one committed increment before the kill.
        var acknowledged = new long[Counters];
        await Task.WhenAll(Enumerable.Range(0, Counters).Select(async i =>
        {
            await AddOnceAsync(client, i, $"seed-{i}");
            Interlocked.Increment(ref acknowledged[i]);
        }));

        // Writers keep incrementing (retrying each operation id until it is acknowledged) while silo 1, one of the client's
        // gateways, dies.
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
                catch (TimeoutException error) when (error.Message.StartsWith("Increment", StringComparison.Ordinal))
                {
                    failures.Add(error); // Never acknowledged: it may or may not have counted, so stop here.
                    return;
                }
            }
        })).ToArray();
        await Wait.UntilAsync(() => Volatile.Read(ref acknowledged[37]) > 1, "the writers to be under way");

        await cluster.Silos[1].KillAsync();
        var atKill = acknowledged.Sum();
        await Wait.UntilAsync(() => acknowledged.Sum() > atKill + 50, "writes to go on through the surviving gateways", TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        long[]? final = null;
        await Wait.UntilAsync(async () => (final = await TryReadAllAsync(client)) is not null, "every counter to answer", TimeSpan.FromSeconds(30));
        Assert.Empty(failures);
        Assert.Equal(acknowledged, final);
    }

    // An Orleans client of the cluster's three gateways, with a short response timeout so that a call lost with a gateway
    // fails fast and is sent again.
    private static async Task<IHost> ClientAsync(ProcessCluster cluster)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(cluster.Gateways());
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Retries one increment with the same operation id until it is acknowledged: it counts once however often it is sent.
    private static async Task AddOnceAsync(IClusterClient client, int counter, string operationId)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await client.GetGrain<ICounterGrain>($"c{counter}").Add(operationId, 1);
                return;
            }
            catch (Exception error) when (IsLost(error) && elapsed.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Lost with its connection or timed out while the cluster reorganized: send it again.
            }
            catch (Exception error) when (IsLost(error))
            {
                throw new TimeoutException($"Increment {operationId} of counter c{counter} was not acknowledged within 30 s.", error);
            }
        }
    }

    private static async Task<long[]?> TryReadAllAsync(IClusterClient client)
    {
        try
        {
            return await Task.WhenAll(Enumerable.Range(0, Counters).Select(i => client.GetGrain<ICounterGrain>($"c{i}").Get()));
        }
        catch (Exception error) when (IsLost(error))
        {
            return null;
        }
    }

    // What a call lost with a dead silo or gateway throws: it may or may not have run.
    private static bool IsLost(Exception error) => error is OrleansException or TimeoutException;
}
