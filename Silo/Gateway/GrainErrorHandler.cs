using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Actors.Silo.Gateway;

/// <summary>
/// Writes what a request threw as the problem <see cref="GrainErrors"/> classifies it as, with the refused field under
/// <c>errors</c> and <c>Retry-After: 1</c> on a 503. Anything unclassified stays a 500 without internals.
/// </summary>
public sealed class GrainErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (GrainErrors.Classify(exception) is not { } error)
        {
            return false;
        }

        httpContext.Response.StatusCode = error.Status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = error.Status, Title = error.Title, Detail = exception.Message, Extensions = { ["code"] = error.Code },
            },
        };
        if (exception is BadHttpRequestException bad)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [FieldOf(bad)] = [Explain(bad)] };
        }
        else if (error.Field is { Length: > 0 } field)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [exception.Message] };
        }

        if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(context);
    }

    // The body field a JSON error is at ("$.amount" -> "amount", "$.guardians[2]" -> "guardians[2]"), or "body" for the whole.
    private static string FieldOf(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : "body";

    // System.Text.Json's refusal of a repeated key (JsonSerializerOptions.AllowDuplicateProperties = false).
    private static bool IsDuplicateKey(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Message: var message } && message.StartsWith("Duplicate propert", StringComparison.Ordinal);

    private static string Explain(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "is larger than the server accepts (Gateway:MaxBodyBytes)",
        _ when IsDuplicateKey(bad) => "appears more than once: each key may be given once",
        _ when bad.InnerException is JsonException =>
            "is not valid JSON of the type the route takes: amounts and ids are strings, flags true or false",
        _ => "could not be read as the JSON the route takes",
    };
}
