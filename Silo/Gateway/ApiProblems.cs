using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary>RFC 7807 problem details with a stable <c>code</c> extension, and the status of each grain refusal's code.</summary>
public static class ApiProblems
{
    /// <summary>A bad input: 400, naming each field.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>The body is not the JSON the route takes (not JSON, wrong types, a key given twice): 400.</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>The route takes a JSON body and the request has none: 400.</summary>
    public const string BodyRequired = "body_required";

    /// <summary>The body is larger than <c>Gateway:MaxBodyBytes</c>: 413.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>The body is not sent as <c>application/json</c>: 415.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>The route does not take the request's method: 405.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

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
            ["code"] = PayloadTooLarge,
            ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"is larger than {maxBytes} bytes (Gateway:MaxBodyBytes)"] },
        });

    /// <summary>
    /// The code of a problem the framework answers without a route's own (an unknown route, a wrong method, a body too large or
    /// of the wrong type), by its status; null for a status that has no such code.
    /// </summary>
    public static string? CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedRequest,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= StatusCodes.Status500InternalServerError => GrainErrors.InternalError,
        _ => null,
    };

    /// <summary>
    /// Gives a problem the framework writes (status code pages, the exception handler) the <c>code</c> of its status, and a
    /// detail in the API's words when it has none, so that every problem carries a code.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (!problem.Extensions.ContainsKey("code") && CodeOf(status) is { } code)
        {
            problem.Extensions["code"] = code;
        }

        problem.Detail ??= status switch
        {
            StatusCodes.Status404NotFound => "No route matches the request's path.",
            StatusCodes.Status405MethodNotAllowed => "The route does not take the request's method.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the server accepts (Gateway:MaxBodyBytes).",
            StatusCodes.Status415UnsupportedMediaType => "The route takes a JSON body: send it with Content-Type: application/json.",
            _ => null,
        };
    }

    /// <summary>The status a grain's coded refusal maps to.</summary>
    public static int StatusOf(string code) => code switch
    {
        RequestRejectedException.ValidationFailed => StatusCodes.Status400BadRequest,
        RequestRejectedException.NotFound => StatusCodes.Status404NotFound,
        WalletErrors.RateLimited => StatusCodes.Status429TooManyRequests,
        WalletErrors.NotAuthorized => StatusCodes.Status403Forbidden,
        WalletErrors.StepUpRequired => StatusCodes.Status403Forbidden,
        WalletErrors.Frozen => StatusCodes.Status423Locked,
        WalletErrors.RecoveryEscrow => StatusCodes.Status423Locked,
        RecoveryErrors.BadSignature => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
