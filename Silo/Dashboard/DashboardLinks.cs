using System.Text;
using System.Text.Json;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Adds the operator pages' links to the Orleans dashboard's page: its index.html, as the package serves it, gets a script
/// (before <c>&lt;/body&gt;</c>) that adds a small bar linking to the pages and to the logout. The dashboard's scripts and APIs
/// pass untouched.
/// </summary>
internal static class DashboardLinks
{
    /// <summary>The script that adds the bar: to the document element, beside the body the dashboard's app renders into.</summary>
    public static readonly string Script = $$"""
        (function () {
          "use strict";
          const bar = document.createElement("nav");
          bar.id = "actors-ops-links";
          bar.setAttribute("style", "position:fixed;right:12px;bottom:12px;z-index:10000;background:#1f2d3d;padding:6px 10px;border-radius:4px;font:13px sans-serif");
          bar.innerHTML = {{JsonSerializer.Serialize(OpsHtml.NavLinks("color:#fff;margin:0 6px"))}};
          document.documentElement.appendChild(bar);
        })();
        """;

    private static readonly byte[] s_bar = Encoding.UTF8.GetBytes($"<script src=\"{OpsPages.AssetsPath}/{LinksScript}\"></script>");

    public const string LinksScript = "links.js";

    public static bool IsIndex(PathString path) =>
        path.Equals(OperatorArea.DashboardPath + "/", StringComparison.OrdinalIgnoreCase)
        || path.Equals(OperatorArea.DashboardPath + "/index.html", StringComparison.OrdinalIgnoreCase);

    public static async Task ServeWithLinksAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        // The page as served, whole and uncompressed: the script is added to a full body of plain HTML only.
        context.Request.Headers.IfNoneMatch = default;
        context.Request.Headers.AcceptEncoding = default;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var page = buffer.ToArray();
        var end = context.Response.StatusCode == StatusCodes.Status200OK
            && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            ? page.AsSpan().LastIndexOf("</body>"u8)
            : -1;
        if (end < 0)
        {
            await original.WriteAsync(page, context.RequestAborted);
            return;
        }

        context.Response.Headers.ETag = default;
        context.Response.ContentLength = page.Length + s_bar.Length;
        await original.WriteAsync(page.AsMemory(0, end), context.RequestAborted);
        await original.WriteAsync(s_bar, context.RequestAborted);
        await original.WriteAsync(page.AsMemory(end), context.RequestAborted);
    }
}
