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
        RequestRejectedException.ValidationFailed => StatusCodes.Status400BadRequest,
        RequestRejectedException.NotFound => StatusCodes.Status404NotFound,
        WalletErrors.RateLimited => StatusCodes.Status429TooManyRequests,
        WalletErrors.NotAuthorized => StatusCodes.Status403Forbidden,
        WalletErrors.Frozen => StatusCodes.Status423Locked,
        WalletErrors.RecoveryEscrow => StatusCodes.Status423Locked,
        RecoveryErrors.BadSignature => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
