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
            // The framework's message names its own parameters and inference; the problem says what is wrong with the request.
            var (code, detail, field, reason) = Unreadable(bad, httpContext.Request);
            context.ProblemDetails.Extensions["code"] = code;
            context.ProblemDetails.Detail = detail;
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [reason] };
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

    // Why the request could not be read: its code, detail, and the field (a body key, "body" or "Content-Type") with the reason.
    private static (string Code, string Detail, string Field, string Reason) Unreadable(BadHttpRequestException bad, HttpRequest request) =>
        bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (ApiProblems.PayloadTooLarge, "The request body is larger than the server accepts.",
                "body", "is larger than the server accepts (Gateway:MaxBodyBytes)"),
            StatusCodes.Status415UnsupportedMediaType => (ApiProblems.UnsupportedMediaType, "The route takes a JSON body.",
                "Content-Type", "must be application/json"),
            _ when bad.InnerException is null && request.ContentLength is null or 0 => (ApiProblems.BodyRequired,
                "The route takes a JSON body and the request has none.", "body", "is required: a JSON object"),
            _ when IsDuplicateKey(bad) => (ApiProblems.MalformedRequest, "A key appears more than once in the JSON body.",
                FieldOf(bad), "appears more than once: each key may be given once"),
            _ when bad.InnerException is JsonException => (ApiProblems.MalformedRequest, "The body is not the JSON the route takes.",
                FieldOf(bad), "is not valid JSON of the type the route takes: amounts and ids are strings, flags true or false"),
            _ => (ApiProblems.MalformedRequest, "The body could not be read as the JSON the route takes.", "body",
                "could not be read as the JSON the route takes"),
        };

    // The body field a JSON error is at ("$.amount" -> "amount", "$.guardians[2]" -> "guardians[2]"), or "body" for the whole.
    private static string FieldOf(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : "body";

    // System.Text.Json's refusal of a repeated key (JsonSerializerOptions.AllowDuplicateProperties = false).
    private static bool IsDuplicateKey(BadHttpRequestException bad) =>
        bad.InnerException is JsonException { Message: var message } && message.StartsWith("Duplicate propert", StringComparison.Ordinal);
}
