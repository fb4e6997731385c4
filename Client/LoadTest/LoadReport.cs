using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Actors.Client.LoadTest;

/// <summary>
/// The report of a run, as report.json holds it (camelCase): the figures API.md names (<c>wallets</c>, <c>durationSeconds</c>,
/// <c>operations</c>, <c>throughputPerSecond</c>, <c>latencyMs</c>, <c>errors</c> by code, <c>timeline</c> per second) and
/// beside them the mode, the mix, each kind of request, the silo's CPU and memory, the tester's own peak memory, and the checks.
/// </summary>
internal sealed record LoadReport(
    int Wallets, double DurationSeconds, string Mode, double? Rate, int Concurrency, string Mix, long Operations, double ThroughputPerSecond,
    Latency LatencyMs, IReadOnlyDictionary<string, long> Errors, long ServerErrors, IReadOnlyDictionary<string, KindFigures> Kinds,
    IReadOnlyList<TimelineSecond> Timeline, ServerFigures Server, long TesterPeakWorkingSetBytes, bool Passed, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>How report.json is written.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The report of <paramref name="result"/>, its checks being <paramref name="checks"/>.</summary>
    public static LoadReport From(LoadResult result, IReadOnlyList<CheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(checks);
        var stats = result.Stats;
        var seconds = result.Measured.TotalSeconds;
        var lastSecond = (int)Math.Ceiling(seconds);
        var timeline = stats.Seconds
            .Select((s, i) => new TimelineSecond(i, s.Operations, s.Errors, Ms(s.Latency.Percentile(50)), Ms(s.Latency.Percentile(99))))
            .Where(s => s.Second < lastSecond || s.Operations > 0)
            .ToList();
        var samples = result.Server.Samples;
        var server = new ServerFigures(
            result.Server.Available, result.Server.Absence,
            [.. samples.Zip(samples.Skip(1), (a, b) => new ServerSecond(
                Math.Round(b.Second, 1), b.Second > a.Second ? Math.Round((b.CpuSeconds - a.CpuSeconds) / (b.Second - a.Second), 3) : 0, (long)b.MemoryBytes))]);
        using var self = Process.GetCurrentProcess();
        var settings = result.Settings;
        return new LoadReport(
            settings.Wallets, Math.Round(seconds, 3), settings.Rate is null ? "closed" : "open", settings.Rate, settings.Concurrency,
            settings.Mix.ToString(), stats.All.Count, seconds > 0 ? Math.Round(stats.All.Count / seconds, 1) : 0, Latency.Of(stats.All),
            new SortedDictionary<string, long>(stats.ErrorsByCode.ToDictionary(), StringComparer.Ordinal), stats.ServerErrors,
            new SortedDictionary<string, KindFigures>(
                stats.Kinds.ToDictionary(k => k.Key, k => new KindFigures(k.Value.Count, Latency.Of(k.Value))), StringComparer.Ordinal),
            timeline, server, self.PeakWorkingSet64, checks.All(c => c.Passed), checks);
    }

    /// <summary>The report as report.json holds it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Microseconds as milliseconds, to the microsecond.</summary>
    public static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record Latency(double P50, double P90, double P99, double Max)
{
    public static Latency Of(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new(
            LoadReport.Ms(histogram.Percentile(50)), LoadReport.Ms(histogram.Percentile(90)), LoadReport.Ms(histogram.Percentile(99)),
            LoadReport.Ms(histogram.Max));
    }
}

/// <summary>One kind of request: how many, and their latency.</summary>
internal sealed record KindFigures(long Operations, Latency LatencyMs);

/// <summary>One second of a run: requests completed, errors, and the p50 and p99 of their latency in milliseconds.</summary>
internal sealed record TimelineSecond(int Second, long Operations, long Errors, double P50, double P99);

/// <summary>The silo's figures: whether its /metrics had them (else why not), and per sample the CPU cores used and memory.</summary>
internal sealed record ServerFigures(bool Available, string? Absence, IReadOnlyList<ServerSecond> Samples);

/// <summary>The silo at one second of the run: CPU cores used since the previous sample, and memory in bytes.</summary>
internal sealed record ServerSecond(double Second, double CpuCores, long MemoryBytes);
