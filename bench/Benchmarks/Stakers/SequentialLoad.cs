using System.Diagnostics;
using System.Globalization;
using Actors.Benchmarks.Load;
using Actors.Domain.Money;

namespace Actors.Benchmarks.Stakers;

/// <summary>The stakers mode's loads: one caller making calls one after another, and the activation of many stakers.</summary>
internal static class SequentialLoad
{
    public static async Task RepeatAsync(int count, Func<int, Task<UInt256>> operation)
    {
        for (var i = 0; i < count; i++)
        {
            await operation(i);
        }
    }

    /// <summary>One caller, a fixed number of calls one after another; the latency of each call goes into a histogram.</summary>
    public static async Task<(LoadResult Result, UInt256 Paid)> MeasureAsync(string name, int count, Func<int, Task<UInt256>> operation)
    {
        var histogram = new LatencyHistogram();
        var paid = UInt256.Zero;
        var began = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            paid += await operation(i);
            histogram.Record(Stopwatch.GetTimestamp() - started);
        }

        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var microsPerTick = 1_000_000.0 / Stopwatch.Frequency;
        var result = new LoadResult(
            name, count / seconds, histogram.Percentile(0.5) * microsPerTick, histogram.Percentile(0.99) * microsPerTick);
        return (result, paid);
    }

    /// <summary>
    /// Makes <paramref name="count"/> calls, <paramref name="inFlight"/> at a time, each to a grain of its own (a stake into the
    /// crowded pool, or a trivial call). The references are made as the calls are sent and not kept: the process holds what the
    /// silo holds for the grains.
    /// </summary>
    public static async Task ActivateAsync(string what, int count, int inFlight, Func<int, Task> call)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var step = Math.Max(1, count / 10);
        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await call(i);
                if ((i + 1) % step == 0)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    var mib = Environment.WorkingSet / 1048576.0;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {i + 1:N0} {what} in {elapsed:F0} s ({(i + 1) / elapsed:N0}/s), working set {mib:N0} MiB"));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkAsync)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activated {count:N0} {what} in {seconds:F0} s ({count / seconds:N0}/s, {inFlight} in flight)"));
    }
}
