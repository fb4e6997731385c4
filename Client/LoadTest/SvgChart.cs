using System.Globalization;
using System.Net;
using System.Text;

namespace Actors.Client.LoadTest;

/// <summary>Line and bar charts as inline SVG, so that report.html needs nothing from outside.</summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 60;
    private const int Bottom = 30;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    /// <summary>Lines over a shared x axis (seconds): each series a name and its (x, y) points.</summary>
    public static string Lines(string title, string unit, IReadOnlyList<(string Name, IReadOnlyList<(double X, double Y)> Points)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.SelectMany(s => s.Points).ToList();
        var maxX = points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.X));
        var maxY = points.Count == 0 ? 1 : Math.Max(1e-9, points.Max(p => p.Y));
        var svg = Start(title);
        Axes(svg, maxX, maxY, unit);
        for (var i = 0; i < series.Count; i++)
        {
            var path = string.Join(' ', series[i].Points.Select(p => F($"{X(p.X, maxX):0.#},{Y(p.Y, maxY):0.#}")));
            svg.Append(F($"<polyline fill=\"none\" stroke=\"{Colors[i % Colors.Length]}\" stroke-width=\"2\" points=\"{path}\"/>"));
            svg.Append(F($"<text x=\"{Left + 10 + (i * 120)}\" y=\"14\" fill=\"{Colors[i % Colors.Length]}\">{Escape(series[i].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars: a label and a count each.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, long Count)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var height = 40 + (bars.Count * 24);
        var max = bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Count));
        var svg = new StringBuilder(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" role=\"img\">"));
        svg.Append(F($"<title>{Escape(title)}</title>"));
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 20 + (i * 24);
            var w = (Width - 260) * (double)bars[i].Count / max;
            svg.Append(F($"<text x=\"0\" y=\"{y + 14}\">{Escape(bars[i].Label)}</text>"));
            svg.Append(F($"<rect x=\"200\" y=\"{y}\" width=\"{w:0.#}\" height=\"18\" fill=\"#d62728\"/>"));
            svg.Append(F($"<text x=\"{205 + w:0.#}\" y=\"{y + 14}\">{bars[i].Count}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(string title) =>
        new StringBuilder(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\">"))
            .Append(F($"<title>{Escape(title)}</title>"));

    private static void Axes(StringBuilder svg, double maxX, double maxY, string unit)
    {
        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>"));
        svg.Append(F($"<line x1=\"{Left}\" y1=\"20\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>"));
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            svg.Append(F($"<text x=\"{Left - 5}\" y=\"{Y(value, maxY) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{value:0.##}</text>"));
            var second = maxX * i / 4;
            svg.Append(F($"<text x=\"{X(second, maxX):0.#}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\">{second:0}s</text>"));
        }

        svg.Append(F($"<text x=\"{Left - 5}\" y=\"14\" text-anchor=\"end\" font-size=\"11\">{Escape(unit)}</text>"));
    }

    private static double X(double x, double maxX) => Left + ((Width - Left - 10) * x / maxX);

    private static double Y(double y, double maxY) => Height - Bottom - ((Height - Bottom - 20) * y / maxY);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
