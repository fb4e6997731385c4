using Actors.Runtime.Benchmarks.Grains;
using Actors.Runtime.Benchmarks.Micro;
using Actors.Runtime.Testing;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>
/// Local grain calls (caller and grain in one silo) against two baselines measured in the same run: a plain interface call,
/// and a Task call with one thread-pool hop. "local-grain" methods complete synchronously (the inline path);
/// "local-grain-async" methods yield once (the async path); "one-shared-grain" puts every caller in one activation's queue.
/// </summary>
public static class LocalCallScenario
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        await using var silo = await TestSilo.StartAsync();
        var grains = Enumerable.Range(0, settings.Callers).Select(i => silo.GrainFactory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping(0)));
        var plain = Enumerable.Range(0, settings.Callers).Select(_ => (IPlainService)new PlainService()).ToArray();

        var results = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            results.Add(await ClosedLoopLoad.RunAsync($"plain-call x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, i => () => plain[i].Ping(1)));
            results.Add(await ClosedLoopLoad.RunAsync($"task-hop x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, _ => HopAsync));
            results.Add(await ClosedLoopLoad.RunAsync($"local-grain x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, i => () => grains[i].Ping(1)));
            results.Add(await ClosedLoopLoad.RunAsync($"local-grain-async x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, i => () => grains[i].PingYield(1)));
            results.Add(await ClosedLoopLoad.RunAsync($"one-shared-grain x{settings.Callers}", settings.Callers, settings.Warmup, settings.Duration, _ => () => grains[0].PingYield(1)));
            results.Add(await ClosedLoopLoad.RunAsync("local-grain x1", 1, settings.Warmup, settings.Duration, _ => () => grains[0].Ping(1)));
            results.Add(await ClosedLoopLoad.RunAsync("local-grain-async x1", 1, settings.Warmup, settings.Duration, _ => () => grains[0].PingYield(1)));
            results.Add(await ClosedLoopLoad.RunAsync("plain-call x1", 1, settings.Warmup, settings.Duration, _ => () => plain[0].Ping(1)));
        }

        return results;
    }

    private static async Task HopAsync() => await Task.Yield();
}
