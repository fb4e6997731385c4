using System.Diagnostics;
using Actors.Grains.Interfaces.Diagnostics;
using Actors.Testing;

namespace Actors.Cluster.Tests;

/// <summary>
/// Diagnostic counter grains driven through the cluster client: increments retried with their operation id until acknowledged
/// (so each counts once however often it is sent), and a tally of what was acknowledged.
/// </summary>
internal sealed class Counters(IClusterClient client, string prefix, int count)
{
    private static readonly TimeSpan AcknowledgeBound = TimeSpan.FromSeconds(30);
    private readonly long[] _acknowledged = new long[count];

    public int Count => count;

    public long AcknowledgedTotal => Enumerable.Range(0, count).Sum(i => Volatile.Read(ref _acknowledged[i]));

    public long[] Acknowledged => [.. Enumerable.Range(0, count).Select(i => Volatile.Read(ref _acknowledged[i]))];

    public string Key(int i) => $"{prefix}{i}";

    public ICounterGrain Grain(int i) => client.GetGrain<ICounterGrain>(Key(i));

    /// <summary>Sends one increment until it is acknowledged, then counts it; throws <see cref="TimeoutException"/> after the bound.</summary>
    public async Task AddOnceAsync(int i, string operationId)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Grain(i).Add(operationId, 1);
                Interlocked.Increment(ref _acknowledged[i]);
                return;
            }
            catch (Exception error) when (elapsed.Elapsed < AcknowledgeBound)
            {
                // Lost with its silo or its connection, or refused while the cluster reorganized: the same id again counts once.
                _ = error;
            }
            catch (Exception error)
            {
                throw new TimeoutException($"Increment {operationId} of {Key(i)} was not acknowledged within {AcknowledgeBound}.", error);
            }
        }
    }

    /// <summary>Writers incrementing counters in turn until <paramref name="stop"/>; each ends at its first unacknowledged increment.</summary>
    public Task[] StartWriters(int writers, CancellationToken stop) =>
    [
        .. Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await AddOnceAsync((w * 37 + n) % count, $"w{w}-{n}");
            }
        }, CancellationToken.None)),
    ];

    /// <summary>Calls counter <paramref name="i"/> until it answers; returns when that happened on <paramref name="clock"/>.</summary>
    public async Task<TimeSpan> AnsweredAfterAsync(int i, Stopwatch clock)
    {
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await Grain(i).Get();
                return true;
            }
            catch (Exception)
            {
                // Not yet: its silo is not declared dead, or its new activation is on the way.
                return false;
            }
        }, $"{Key(i)} to answer", AcknowledgeBound);
        return clock.Elapsed;
    }

    /// <summary>Every counter's value, or null while some counter does not answer.</summary>
    public async Task<long[]?> TryReadAllAsync()
    {
        try
        {
            return await Task.WhenAll(Enumerable.Range(0, count).Select(i => Grain(i).Get()));
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            return null;
        }
    }
}
