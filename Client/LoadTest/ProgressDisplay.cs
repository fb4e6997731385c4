using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Actors.Client.LoadTest;

/// <summary>
/// The live progress of a run, once a second: the last second's requests, the errors so far, and the last second's p50 and
/// p99. On a terminal a Spectre.Console table redrawn in place; otherwise (stdout redirected, tests) one plain line per second.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, bool terminal)
{
    private long _lastShown = Stopwatch.GetTimestamp();
    private int _shown;

    /// <summary>Runs <paramref name="run"/>, giving it the callback that shows progress.</summary>
    public async Task<T> RunAsync<T>(Func<Action<RunStats, int>, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!terminal)
        {
            return await run((stats, inFlight) => Show(stats, inFlight, line => output.WriteLine(line)));
        }

        var table = new Table().AddColumns("second", "requests/s", "errors", "p50 ms", "p99 ms", "in flight");
        T result = default!;
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            result = await run((stats, inFlight) => Show(stats, inFlight, _ =>
            {
                var (second, rate, errors, p50, p99) = Last(stats);
                if (table.Rows.Count >= 10)
                {
                    table.Rows.RemoveAt(0);
                }

                table.AddRow(second, rate, errors, p50, p99, inFlight.ToString(CultureInfo.InvariantCulture));
                context.Refresh();
            }));
        });
        return result;
    }

    private void Show(RunStats stats, int inFlight, Action<string> show)
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastShown)) < TimeSpan.FromMilliseconds(500) || Interlocked.Exchange(ref _shown, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _lastShown, Stopwatch.GetTimestamp());
            var (second, rate, errors, p50, p99) = Last(stats);
            show($"[{second}s] {rate} req/s, errors {errors}, p50 {p50} ms, p99 {p99} ms, in flight {inFlight}");
        }
        finally
        {
            Volatile.Write(ref _shown, 0);
        }
    }

    // The last whole second's figures.
    private static (string Second, string Rate, string Errors, string P50, string P99) Last(RunStats stats)
    {
        var index = Math.Clamp(stats.Elapsed - 1, 0, stats.Seconds.Count - 1);
        var second = stats.Seconds[index];
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
        return (F($"{index + 1}"), F($"{second.Operations}"), F($"{stats.Errors}"),
            F($"{second.Latency.Percentile(50) / 1000.0:0.###}"), F($"{second.Latency.Percentile(99) / 1000.0:0.###}"));
    }
}
