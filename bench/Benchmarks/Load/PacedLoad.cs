using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Actors.Benchmarks.Load;

/// <summary>
/// Open-loop load at a fixed rate: a dedicated thread issues calls on schedule (catching up after a late wake-up), whatever
/// the earlier calls are doing, so latency is measured at a known load rather than at saturation. Latency runs from when a
/// call is issued to when it completes. The pacer wakes about every 100 us (Thread.Sleep's 1 ms would issue calls in bursts
/// that queue behind each other and inflate the tail).
/// </summary>
internal static partial class PacedLoad
{
    public static async Task<LoadResult> RunAsync(string name, double perSecond, TimeSpan duration, Func<Task> operation)
    {
        var capacity = (int)(perSecond * duration.TotalSeconds * 1.2) + 1_000;
        var latencies = new long[capacity];
        var completed = 0;
        var issued = 0L;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var issuing = 1;

        void Complete(long started)
        {
            var index = Interlocked.Increment(ref completed) - 1;
            if (index < latencies.Length)
            {
                latencies[index] = Stopwatch.GetTimestamp() - started;
            }

            if (Volatile.Read(ref issuing) == 0 && Volatile.Read(ref completed) == Interlocked.Read(ref issued))
            {
                allDone.TrySetResult();
            }
        }

        long measuredTicks = 0;
        var pacer = new Thread(() =>
        {
            var interval = Stopwatch.Frequency / perSecond;
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var next = (double)start;
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end)
                {
                    break;
                }

                while (next <= now && Interlocked.Read(ref issued) < capacity)
                {
                    var started = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref issued);
                    var call = operation();
                    if (call.IsCompleted)
                    {
                        Complete(started);
                    }
                    else
                    {
                        call.ContinueWith(
                            _ => Complete(started),
                            CancellationToken.None,
                            TaskContinuationOptions.ExecuteSynchronously,
                            TaskScheduler.Default);
                    }

                    next += interval;
                }

                _ = USleep(50);
            }

            measuredTicks = Stopwatch.GetTimestamp() - start;
        }) { IsBackground = true, Name = "load-pacer", Priority = ThreadPriority.Highest };
        pacer.Start();
        pacer.Join();
        Volatile.Write(ref issuing, 0);
        if (Volatile.Read(ref completed) == Interlocked.Read(ref issued))
        {
            allDone.TrySetResult();
        }

        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var count = Math.Min(completed, latencies.Length);
        Array.Sort(latencies, 0, count);
        var microsPerTick = 1_000_000.0 / Stopwatch.Frequency;
        var seconds = (double)measuredTicks / Stopwatch.Frequency;
        return new LoadResult(name, issued / seconds, latencies[count / 2] * microsPerTick, latencies[(int)(count * 0.99)] * microsPerTick);
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
