using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Actors.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>RFC 7807 problem details with a stable <c>code</c> extension, and the mapping of grain errors onto them.</summary>
public static class ApiProblems
{
    /// <summary>A bad input: 400, naming each field.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>The body is not the JSON the route takes (not JSON, wrong types, too large): 400 (413 when too large).</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>The Idempotency-Key was used with another request: 409.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>A request with the same Idempotency-Key is still running: 409 with Retry-After.</summary>
    public const string IdempotencyInProgress = "idempotency_in_progress";

    /// <summary>No such wallet, pool, collection, token or request: 404.</summary>
    public const string NotFound = "not_found";

    /// <summary>The operator key is missing or wrong: 401.</summary>
    public const string OperatorKeyRequired = "operator_key_required";

    /// <summary>The request conflicts with the state (for example a pool re-created with other terms): 409.</summary>
    public const string Conflict = "conflict";

    /// <summary>The cluster could not complete the call (a silo went away, a timeout): 503, safe to retry with the same key.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A 400 naming the fields that are wrong and why.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.", extensions: Code(ValidationFailed));

    /// <summary>A problem with a status, title, detail and code.</summary>
    public static ProblemHttpResult Problem(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: Code(code));

    /// <summary>A 413 for a body above <paramref name="maxBytes"/>, naming the field <c>body</c>.</summary>
    public static ProblemHttpResult BodyTooLarge(int maxBytes) => TypedResults.Problem(
        $"A body is at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
        extensions: new Dictionary<string, object?>
        {
            ["code"] = MalformedRequest,
            ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"is larger than {maxBytes} bytes (Gateway:MaxBodyBytes)"] },
        });

    /// <summary>The status a grain's coded refusal maps to.</summary>
    public static int StatusOf(string code) => code switch
    {
        WalletErrors.RateLimited => StatusCodes.Status429TooManyRequests,
        WalletErrors.NotAuthorized => StatusCodes.Status403Forbidden,
        WalletErrors.Frozen => StatusCodes.Status423Locked,
        RecoveryErrors.BadSignature => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}

/// <summary>
/// Turns what a grain call throws into a problem: bad arguments 400 (naming the parameter), missing things 404, coded refusals
/// by their code, state conflicts 409, and a call the cluster could not complete 503. Anything else stays a 500 without
/// internals (the exception is logged by the framework).
/// </summary>
public sealed class GrainErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, code, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ApiProblems.MalformedRequest, "The request could not be read."),
            ArgumentException => (StatusCodes.Status400BadRequest, ApiProblems.ValidationFailed, "The request is not valid."),
            FormatException or OverflowException => (StatusCodes.Status400BadRequest, ApiProblems.ValidationFailed, "The request is not valid."),
            KeyNotFoundException => (StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found."),
            RequestRejectedException rejected => (ApiProblems.StatusOf(rejected.Code), rejected.Code, "The request was refused."),
            InvalidOperationException => (StatusCodes.Status409Conflict, ApiProblems.Conflict, "The request conflicts with the current state."),
            SiloUnavailableException or GrainCallTimeoutException or StorageException =>
                (StatusCodes.Status503ServiceUnavailable, ApiProblems.Unavailable, "The cluster could not complete the request; retry with the same Idempotency-Key."),
            _ => (0, "", ""),
        };

        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message, Extensions = { ["code"] = code } },
        };
        if (exception is ArgumentException { ParamName: { } field })
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [exception.Message] };
        }
        else if (exception is BadHttpRequestException bad)
        {
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [FieldOf(bad)] = [Explain(bad)] };
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(context);
    }

    // The body field a JSON error is at ("$.amount" -> "amount", "$.guardians[2]" -> "guardians[2]"), or "body" for the whole.
    private static string FieldOf(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : "body";

    private static string Explain(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "is larger than the server accepts (Gateway:MaxBodyBytes)",
        _ when bad.InnerException is System.Text.Json.JsonException => "is not valid JSON of the type the route takes: amounts and ids are strings, flags true or false",
        _ => "could not be read as the JSON the route takes",
    };
}
