using System.Net;
using System.Text;

namespace Actors.Client.LoadTest;

/// <summary>
/// The report as one self-contained HTML page (no script, no outside resource): the text summary, then inline SVG charts of
/// throughput and latency percentiles per second, errors by code, and the silo's CPU and memory (or why there are none).
/// </summary>
internal static class ReportHtml
{
    public static string Format(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:760px}pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}")
            .Append(".fail{color:#b00}.pass{color:#080}svg{display:block;margin:1em 0}</style></head><body>")
            .Append("<h1>Load test report</h1>")
            .Append(report.Passed ? "<p class=\"pass\">All checks passed.</p>" : "<p class=\"fail\">A check failed.</p>")
            .Append("<pre>").Append(WebUtility.HtmlEncode(ReportText.Format(report))).Append("</pre>");
        html.Append("<h2>Throughput</h2>").Append(SvgChart.Lines(
            "Requests and errors per second", "req/s",
            [("requests", [.. report.Timeline.Select(s => ((double)s.Second, (double)s.Operations))]),
             ("errors", [.. report.Timeline.Select(s => ((double)s.Second, (double)s.Errors))])]));
        html.Append("<h2>Latency</h2>").Append(SvgChart.Lines(
            "Latency percentiles per second", "ms",
            [("p50", [.. report.Timeline.Select(s => ((double)s.Second, s.P50))]),
             ("p99", [.. report.Timeline.Select(s => ((double)s.Second, s.P99))])]));
        html.Append("<h2>Errors by code</h2>").Append(report.Errors.Count == 0
            ? "<p>No errors.</p>"
            : SvgChart.Bars("Errors by code", [.. report.Errors.Select(e => (e.Key, e.Value))]));
        html.Append("<h2>Silo CPU and memory</h2>");
        if (report.Server.Available && report.Server.Samples.Count > 0)
        {
            html.Append(SvgChart.Lines("Silo CPU", "cores", [("CPU cores", [.. report.Server.Samples.Select(s => (s.Second, s.CpuCores))])]))
                .Append(SvgChart.Lines(
                    "Silo memory", "MiB", [("memory", [.. report.Server.Samples.Select(s => (s.Second, s.MemoryBytes / 1048576.0))])]));
        }
        else
        {
            html.Append("<p>No figures: ").Append(WebUtility.HtmlEncode(report.Server.Absence ?? "no samples were taken")).Append(".</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
