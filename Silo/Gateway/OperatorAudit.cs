using System.Globalization;
using System.Text;
using Actors.Grains.Interfaces;
using Microsoft.AspNetCore.Mvc;

namespace Actors.Silo.Gateway;

/// <summary>
/// What the audit log says of an operator call: the route's name, its route values and its body, as text fit for one log line
/// (control characters escaped, bounded length), and the outcome of a result or a grain's refusal.
/// </summary>
internal static class OperatorAudit
{
    private const int MaxText = 300;

    public static string Action(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Method;

    public static string Target(HttpContext http) =>
        Printable(string.Join(' ', http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}")));

    // The handler's body argument: operator bodies carry ids, amounts, assets, references and reasons, never a secret.
    public static string Request(EndpointFilterInvocationContext context) =>
        Printable(string.Join(' ', context.Arguments.Where(a => a is not (null or HttpRequest or HttpContext) && a.GetType().Name.EndsWith("Request", StringComparison.Ordinal))));

    // A handler's result (unwrapped from Results<...>): its status and, for a problem, its code.
    public static (int Status, string? Code) Outcome(object? result) => result switch
    {
        INestedHttpResult nested => Outcome(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult { Value: ProblemDetails problem } =>
            (status, problem.Extensions.TryGetValue("code", out var code) ? code?.ToString() : ApiProblems.CodeOf(status)),
        IStatusCodeHttpResult { StatusCode: { } status } => (status, ApiProblems.CodeOf(status)),
        _ => (StatusCodes.Status200OK, null),
    };

    public static (int Status, string Code) Outcome(RequestRejectedException refusal) =>
        (ApiProblems.StatusOf(refusal.Code), refusal.Code);

    private static string Printable(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, MaxText));
        foreach (var c in text)
        {
            if (line.Length >= MaxText)
            {
                line.Append('…');
                break;
            }

            line.Append(char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format ? '?' : c);
        }

        return line.ToString();
    }
}
