using System.Security.Claims;
using Actors.Silo.Gateway;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The operator login of the dashboard and the operator pages: a form that takes the operator key by POST (never in a URL),
/// checks it as operator routes do (<see cref="OperatorKey.Matches"/>) and sets a cookie of ASP.NET Core cookie
/// authentication: HttpOnly, SameSite=Strict, its ticket protected (encrypted and signed) by ASP.NET Core data protection, and
/// holding no key, only that its bearer logged in as an operator and when.
/// </summary>
internal static class OperatorLogin
{
    public const string Scheme = "operator";
    public const string CookieName = "actors_operator";
    public const string LoginPath = "/ops/login";
    public const string LogoutPath = "/ops/logout";

    public static void AddTo(IServiceCollection services, DashboardSettings settings)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = settings.LoginLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
        });
    }

    public static void MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (string? returnUrl) => Form(returnUrl, failed: false)).ExcludeFromDescription();
        app.MapPost(LoginPath, LogInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(LogoutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(Scheme);
            return Results.Redirect(LoginPath);
        }).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> LogInAsync(HttpContext context, OperatorKey key)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "A form is expected.",
                "Post the login form (application/x-www-form-urlencoded) with the field 'key'.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        if (!key.Matches(form["key"].ToString()))
        {
            return Form(returnUrl, failed: true);
        }

        var operatorIdentity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator")], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(operatorIdentity));
        return Results.Redirect(SafeReturn(returnUrl));
    }

    // Only a path of the operator area of this host: never another host (//evil, /\evil) or a route outside the area.
    internal static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not ('/' or '\\') && OperatorArea.Covers(new PathString(url.Split('?')[0]))
            ? url
            : OpsPages.Home;

    private static IResult Form(string? returnUrl, bool failed)
    {
        var body = $"""
            <h1>Operator login</h1>
            {(failed ? "<p class=\"error\" role=\"alert\">That is not the operator key.</p>" : "")}
            <form method="post" action="{LoginPath}">
              <label>Operator key <input type="password" name="key" autocomplete="current-password" required autofocus></label>
              <input type="hidden" name="returnUrl" value="{OpsHtml.Encode(SafeReturn(returnUrl))}">
              <button type="submit">Log in</button>
            </form>
            <p>The key is the gateway's operator key (<code>Gateway:OperatorKey</code>, or the one the silo printed at its first start).</p>
            """;
        return OpsHtml.Page("Operator login", body, nav: false, failed ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }
}
