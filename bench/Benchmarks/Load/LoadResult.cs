using System.Globalization;

namespace Actors.Benchmarks.Load;

/// <summary>One measured run: operations per second and latency percentiles in microseconds.</summary>
internal sealed record LoadResult(string Name, double PerSecond, double P50Micros, double P99Micros)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-40} {PerSecond,14:N0}/s   p50 {P50Micros,9:N1} us   p99 {P99Micros,9:N1} us");

    public static LoadResult Median(IReadOnlyList<LoadResult> runs)
    {
        static double Mid(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        return new LoadResult(
            runs[0].Name, Mid(runs.Select(r => r.PerSecond)), Mid(runs.Select(r => r.P50Micros)), Mid(runs.Select(r => r.P99Micros)));
    }
}
