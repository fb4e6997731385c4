using System.Text.Encodings.Web;

namespace Actors.Silo.Dashboard;

/// <summary>The operator pages' HTML: one layout with the navigation, every value HTML-encoded.</summary>
internal static class OpsHtml
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>The links every operator page and the dashboard show: the dashboard, the pages, and the logout.</summary>
    public static string NavLinks(string linkStyle = "")
    {
        var style = linkStyle.Length > 0 ? $" style=\"{linkStyle}\"" : "";
        return $"""
            <a{style} href="{OperatorArea.DashboardPath}/">Orleans dashboard</a>
            <a{style} href="{OpsPages.Home}">Silos by zone</a>
            <a{style} href="{OpsPages.PoolsPath}">Pools</a>
            <a{style} href="{OpsPages.RecoveriesPath}">Recoveries</a>
            <a{style} href="{OpsPages.FrozenPath}">Frozen wallets</a>
            <form method="post" action="{OperatorLogin.LogoutPath}" style="display:inline"><button type="submit">Log out</button></form>
            """;
    }

    public static IResult Page(string title, string body, bool nav = true, int status = StatusCodes.Status200OK, params string[] scripts)
    {
        var scriptTags = string.Concat(scripts.Select(s => $"<script src=\"{s}\"></script>"));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{Encode(title)} - Actors</title>
            {(nav ? $"<link rel=\"stylesheet\" href=\"{OpsPages.AssetsPath}/ops.css\">" : "<style>body{font:15px sans-serif;margin:3em auto;max-width:32em}.error{color:#b00}</style>")}
            </head>
            <body>
            {(nav ? $"<nav>{NavLinks()}</nav>" : "")}
            <main>
            {body}
            </main>
            {scriptTags}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string id)
    {
        var head = string.Concat(headers.Select(h => $"<th>{Encode(h)}</th>"));
        var body = string.Concat(rows.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td>{c}</td>")) + "</tr>"));
        return $"<table id=\"{id}\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>";
    }
}
