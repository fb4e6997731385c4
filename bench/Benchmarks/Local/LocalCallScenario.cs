using Actors.Benchmarks.Grains;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Load;
using Actors.Benchmarks.Micro;

namespace Actors.Benchmarks.Local;

/// <summary>
/// Local grain calls (caller and grain in one Orleans silo) against two baselines measured in the same run: a plain interface
/// call, and a Task call with one thread-pool hop. "local-grain" methods complete synchronously inside the grain;
/// "local-grain-async" methods yield once; "one-shared-grain" puts every caller in one activation's queue.
/// </summary>
internal static class LocalCallScenario
{
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings)
    {
        await using var silo = await BenchSilo.StartAsync();
        var n = settings.Callers;
        var grains = Enumerable.Range(0, n).Select(i => silo.GrainFactory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping(0)));
        var plain = Enumerable.Range(0, n).Select(_ => (IPlainService)new PlainService()).ToArray();

        var results = new List<LoadResult>();
        Task<LoadResult> Closed(string name, int callers, Func<int, Func<Task>> caller) =>
            ClosedLoopLoad.RunAsync(name, callers, settings.Warmup, settings.Duration, caller);
        for (var run = 0; run < settings.Runs; run++)
        {
            results.Add(await Closed($"plain-call x{n:N0}", n, i => () => plain[i].Ping(1)));
            results.Add(await Closed($"task-hop x{n:N0}", n, _ => HopAsync));
            results.Add(await Closed($"local-grain x{n:N0}", n, i => () => grains[i].Ping(1)));
            results.Add(await Closed($"local-grain-async x{n:N0}", n, i => () => grains[i].PingYield(1)));
            results.Add(await Closed($"one-shared-grain x{n:N0}", n, _ => () => grains[0].PingYield(1)));
            results.Add(await Closed("local-grain x1", 1, _ => () => grains[0].Ping(1)));
            results.Add(await Closed("local-grain-async x1", 1, _ => () => grains[0].PingYield(1)));
            results.Add(await Closed("plain-call x1", 1, _ => () => plain[0].Ping(1)));
            results.Add(await Closed("task-hop x1", 1, _ => HopAsync));
        }

        return results;
    }

    private static async Task HopAsync() => await Task.Yield();
}
