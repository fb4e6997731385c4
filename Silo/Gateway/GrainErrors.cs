using Actors.Grains.Interfaces;
using Actors.Providers.Storage;
using Orleans.Storage;

namespace Actors.Silo.Gateway;

/// <summary>What a failed call becomes at the API: its status, stable code and title, and the input field it names.</summary>
internal readonly record struct ApiError(int Status, string Code, string Title, string? Field = null);

/// <summary>
/// The one table from what a grain call (or the request's reading) throws to a problem. A grain refuses under its rules with a
/// <see cref="RequestRejectedException"/>, and the status comes from its domain code alone (bad input 400 naming the field,
/// not_found 404, coded refusals by <see cref="ApiProblems.StatusOf"/>); a call the cluster could not complete is 503. Any
/// other exception, whatever its type (an <see cref="InvalidOperationException"/>, a <see cref="KeyNotFoundException"/>, an
/// <see cref="ArgumentException"/>), is a fault of the software: a 500 problem coded <c>internal_error</c>, without internals.
/// </summary>
/// <remarks>
/// A 503 means nothing was committed for certain and a retry with the same Idempotency-Key is safe: a dead or unreachable silo
/// (<see cref="SiloUnavailableException"/> and Orleans's other <see cref="OrleansException"/>s), a call past its response timeout
/// (<see cref="TimeoutException"/>), a database that did not answer (<see cref="StorageUnavailableException"/>), and a write
/// refused because another activation of the grain wrote first (<see cref="InconsistentStateException"/>: Orleans deactivates
/// the stale activation and the retry reads the committed state).
/// </remarks>
internal static class GrainErrors
{
    private const string Retry = "retry with the same Idempotency-Key.";

    /// <summary>The problem <paramref name="exception"/> becomes: every exception has one.</summary>
    public static ApiError? Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => new(bad.StatusCode, ApiProblems.CodeOf(bad.StatusCode) ?? ApiProblems.MalformedRequest,
            "The request could not be read."),
        RequestRejectedException rejected when rejected.Code == RequestRejectedException.ValidationFailed =>
            new(StatusCodes.Status400BadRequest, ApiProblems.ValidationFailed, "The request is not valid.", rejected.Field),
        RequestRejectedException rejected => new(ApiProblems.StatusOf(rejected.Code), rejected.Code, "The request was refused."),
        StorageUnavailableException => Unavailable($"The cluster's storage did not answer; {Retry}"),
        InconsistentStateException => Unavailable($"Another activation of the grain wrote first; {Retry}"),
        TimeoutException => Unavailable($"The cluster did not answer in time; {Retry}"),
        OrleansException => Unavailable($"The cluster could not complete the request; {Retry}"),
        _ => new(StatusCodes.Status500InternalServerError, InternalError, "The server failed to complete the request."),
    };

    /// <summary>The code of a failure no rule explains: a fault of the software, logged by the framework.</summary>
    public const string InternalError = "internal_error";

    /// <summary>Whether <paramref name="exception"/> is a fault of the cluster (503): the same request may be retried.</summary>
    public static bool IsUnavailable(Exception exception) => exception is OrleansException or TimeoutException;

    private static ApiError Unavailable(string title) => new(StatusCodes.Status503ServiceUnavailable, ApiProblems.Unavailable, title);
}
