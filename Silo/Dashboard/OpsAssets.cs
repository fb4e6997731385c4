using System.Collections.Frozen;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The operator pages' scripts and styles, embedded in the assembly: the pages' own (<c>Dashboard/Assets</c>) and uPlot,
/// vendored at build time from its npm package (Silo.csproj runs <c>npm ci</c> there), so nothing is fetched at run time.
/// </summary>
internal static class OpsAssets
{
    /// <summary>How often the pools page polls its JSON while it is open.</summary>
    public const int RefreshSeconds = 2;

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> s_assets =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["ops.css"] = ("ops/ops.css", "text/css; charset=utf-8"),
            ["pools.js"] = ("ops/pools.js", "text/javascript; charset=utf-8"),
            ["uPlot.js"] = ("ops/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            ["uPlot.css"] = ("ops/uPlot.min.css", "text/css; charset=utf-8"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IResult Serve(string name)
    {
        if (name == DashboardLinks.LinksScript)
        {
            return Results.Text(DashboardLinks.Script, "text/javascript; charset=utf-8");
        }

        if (!s_assets.TryGetValue(name, out var asset)
            || typeof(OpsAssets).Assembly.GetManifestResourceStream(asset.Resource) is not { } stream)
        {
            return Results.NotFound();
        }

        return Results.Stream(stream, asset.ContentType);
    }
}
