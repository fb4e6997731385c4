namespace Actors.Grains.Interfaces;

/// <summary>
/// A grain refused a request under its rules (a frozen wallet, a rate limit, a caller without the right, a field out of its
/// bounds). The stable <see cref="Code"/> and, for a refused input, the <see cref="Field"/> travel across silos and to
/// clients with the message, so callers and the REST gateway act on the code, never on the exception's type.
/// </summary>
[GenerateSerializer]
[Alias("actors.rejected")]
public sealed class RequestRejectedException : Exception
{
    /// <summary>The code of a refused input; <see cref="Field"/> names it.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>The code of a refusal because the pool, collection, token or request does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>The code of an operation id already used for another request.</summary>
    public const string OperationReused = "operation_reused";

    /// <summary>Creates the exception.</summary>
    public RequestRejectedException() => Code = "rejected";

    /// <summary>Creates the exception with a message.</summary>
    public RequestRejectedException(string message) : base(message) => Code = "rejected";

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RequestRejectedException(string message, Exception innerException) : base(message, innerException) => Code = "rejected";

    /// <summary>Creates the exception with a stable code and a message.</summary>
    public RequestRejectedException(string code, string message) : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>A stable, lowercase snake_case code naming the rule (for example <c>wallet_frozen</c>).</summary>
    [Id(0)]
    public string Code { get; private set; }

    /// <summary>The input field refused, for <see cref="ValidationFailed"/>; null otherwise.</summary>
    [Id(1)]
    public string? Field { get; private set; }

    /// <summary>A refusal because what the call names does not exist (<see cref="NotFound"/>).</summary>
    public static RequestRejectedException Missing(string message) => new(NotFound, message);

    /// <summary>A refused input: <paramref name="field"/> is not acceptable, as <paramref name="message"/> says.</summary>
    public static RequestRejectedException Invalid(string field, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return new RequestRejectedException(ValidationFailed, message) { Field = field };
    }
}
