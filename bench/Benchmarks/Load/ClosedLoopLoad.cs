using System.Diagnostics;

namespace Actors.Benchmarks.Load;

/// <summary>
/// The measurement protocol of DESIGN.md section 6: N callers, each calling in a closed loop; a warm-up, then a measured
/// window. Both are ended from a dedicated thread, not a timer, because with many busy callers on two cores a timer
/// continuation can starve.
/// </summary>
internal static class ClosedLoopLoad
{
    public static async Task<LoadResult> RunAsync(
        string name, int callers, TimeSpan warmup, TimeSpan duration, Func<int, Func<Task>> callerFactory)
    {
        var operations = Enumerable.Range(0, callers).Select(callerFactory).ToArray();
        var histograms = Enumerable.Range(0, callers).Select(_ => new LatencyHistogram()).ToArray();
        var counts = new long[callers];
        var phase = 0; // 0 warm-up, 1 measuring, 2 stopped
        long measuredTicks = 0;

        var clock = new Thread(() =>
        {
            using var never = new ManualResetEventSlim();
            never.Wait(warmup);
            Volatile.Write(ref phase, 1);
            var start = Stopwatch.GetTimestamp();
            never.Wait(duration);
            Volatile.Write(ref phase, 2);
            measuredTicks = Stopwatch.GetTimestamp() - start;
        }) { IsBackground = true, Name = "load-clock", Priority = ThreadPriority.Highest };

        var tasks = new Task[callers];
        clock.Start();
        for (var i = 0; i < callers; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var operation = operations[index];
                var histogram = histograms[index];
                var measuring = false;
                while (true)
                {
                    var current = Volatile.Read(ref phase);
                    if (current == 2)
                    {
                        break;
                    }

                    if (current == 1 && !measuring)
                    {
                        measuring = true;
                        histogram.Reset();
                        counts[index] = 0;
                    }

                    var started = Stopwatch.GetTimestamp();
                    await operation().ConfigureAwait(false);
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    counts[index]++;
                }
            });
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        clock.Join();
        var merged = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            merged.Add(histogram);
        }

        var seconds = (double)measuredTicks / Stopwatch.Frequency;
        var microsPerTick = 1_000_000.0 / Stopwatch.Frequency;
        return new LoadResult(
            name, counts.Sum() / seconds, merged.Percentile(0.5) * microsPerTick, merged.Percentile(0.99) * microsPerTick);
    }
}
