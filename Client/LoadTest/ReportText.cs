using System.Globalization;
using System.Text;

namespace Actors.Client.LoadTest;

/// <summary>The report as text for stdout: the figures, the errors by code, each kind of request, the silo, and the checks.</summary>
internal static class ReportText
{
    public static string Format(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        var mode = report.Rate is { } rate ? $"open loop at {rate}/s" : $"closed loop at concurrency {report.Concurrency}";
        Line($"load test: {report.Wallets} wallets, {report.DurationSeconds:0.0} s, {mode}, mix {report.Mix}");
        Line($"requests: {report.Operations}, {report.ThroughputPerSecond:0.0}/s; errors {report.Errors.Values.Sum()}, 5xx {report.ServerErrors}");
        var l = report.LatencyMs;
        Line($"latency ms: p50 {l.P50:0.###}  p90 {l.P90:0.###}  p99 {l.P99:0.###}  max {l.Max:0.###}");
        foreach (var (kind, figures) in report.Kinds)
        {
            Line($"  {kind,-8} {figures.Operations,10}  p50 {figures.LatencyMs.P50:0.###}  p99 {figures.LatencyMs.P99:0.###} ms");
        }

        foreach (var (code, count) in report.Errors)
        {
            Line($"  error {code}: {count}");
        }

        if (report.Server.Available && report.Server.Samples.Count > 0)
        {
            Line($"silo: CPU up to {report.Server.Samples.Max(s => s.CpuCores):0.00} cores, memory up to {report.Server.Samples.Max(s => s.MemoryBytes) / 1048576.0:0} MiB");
        }
        else
        {
            Line($"silo: no CPU or memory figures ({report.Server.Absence ?? "no samples"})");
        }

        Line($"tester: peak working set {report.TesterPeakWorkingSetBytes / 1048576.0:0} MiB");
        foreach (var check in report.Checks)
        {
            Line($"{(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Detail}");
        }

        Line($"{(report.Passed ? "all checks passed" : "a check failed")}");
        return text.ToString();
    }
}
