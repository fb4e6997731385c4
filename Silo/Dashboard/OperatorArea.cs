using Actors.Silo.Gateway;
using Microsoft.AspNetCore.Authentication;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The gate of the operator area, <c>/dashboard</c> and <c>/ops</c> and everything under them (the dashboard's HTML, scripts,
/// styles, fonts and every API of its, the grain-state one included; the operator pages and their JSON), whatever the route:
/// a request passes with the operator key in <c>X-Operator-Key</c> or the login cookie; otherwise a browser's page request is
/// sent to the login form and any other gets 401 <c>operator_key_required</c>. Only the login form itself is open.
/// </summary>
internal sealed class OperatorArea(RequestDelegate next, OperatorKey key, IServiceProvider services)
{
    public const string DashboardPath = "/dashboard";
    private const string OpsPath = "/ops";

    private readonly DashboardCollection? _collection = services.GetService<DashboardCollection>();

    public static bool Covers(PathString path) =>
        path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(OpsPath, StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!Covers(path) || path.StartsWithSegments(OperatorLogin.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (!key.Matches(context.Request.Headers[OperatorKey.Header]) && !(await context.AuthenticateAsync(OperatorLogin.Scheme)).Succeeded)
        {
            await Refuse(context).ExecuteAsync(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XFrameOptions = "DENY";
        if (!path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        _collection?.Seen();
        if (HttpMethods.IsGet(context.Request.Method) && DashboardLinks.IsIndex(path))
        {
            await DashboardLinks.ServeWithLinksAsync(context, next);
            return;
        }

        await next(context);
    }

    private static IResult Refuse(HttpContext context)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method)
            && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return wantsPage
            ? Results.Redirect($"{OperatorLogin.LoginPath}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}")
            : ApiProblems.Problem(StatusCodes.Status401Unauthorized, ApiProblems.OperatorKeyRequired, "Operator login required.",
                $"The dashboard and operator pages are for operators: log in at {OperatorLogin.LoginPath} or send the operator key in {OperatorKey.Header}.");
    }
}
