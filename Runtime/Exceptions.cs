namespace Actors.Runtime;

/// <summary>Base class of the errors the runtime raises itself (as opposed to errors thrown by grain code).</summary>
public class GrainRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainRuntimeException() { }

    /// <summary>Creates the exception with a message.</summary>
    public GrainRuntimeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public GrainRuntimeException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A state write lost its compare-and-swap: the stored version is not the one this activation read. The activation that saw it
/// is deactivated; the next call activates a fresh one that reads the current state.
/// </summary>
public sealed class InconsistentStateException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Stored state could not be read back into its type. The stored bytes are left as they are.</summary>
public sealed class CorruptStateException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public CorruptStateException() { }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptStateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public CorruptStateException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The storage provider failed (unreachable, transaction aborted). Nothing of the failed operation was committed.</summary>
public sealed class StorageException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public StorageException() { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StorageException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A grain call did not complete within its response timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException() { }

    /// <summary>Creates the exception with a message.</summary>
    public GrainCallTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>No grain class, or no grain interface, is registered under the name a call used.</summary>
public sealed class UnknownGrainTypeException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public UnknownGrainTypeException() { }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownGrainTypeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public UnknownGrainTypeException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A call named a method id that the grain interface does not have.</summary>
public sealed class UnknownGrainMethodException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public UnknownGrainMethodException() { }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownGrainMethodException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public UnknownGrainMethodException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The silo cannot take the call: it is starting, shutting down, or has been declared dead.</summary>
public sealed class SiloUnavailableException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SiloUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SiloUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>
    /// True when the call certainly did not run (it was never delivered, or the receiver refused it), so that sending it again
    /// cannot apply it twice. False when it may have run (for example the connection broke after it was sent).
    /// </summary>
    public bool CallNotRun { get; init; }
}

/// <summary>A serialized grain call or result could not be read: its bytes do not match the method's parameters or result.</summary>
public sealed class MalformedGrainCallException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public MalformedGrainCallException() { }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedGrainCallException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MalformedGrainCallException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A grain on another silo threw an exception whose type is not carried across the wire; its type name and message are kept.</summary>
public sealed class RemoteGrainException : GrainRuntimeException
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException() { }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteGrainException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RemoteGrainException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a remote type and message.</summary>
    public RemoteGrainException(string remoteType, string message) : base(message) => RemoteType = remoteType;

    /// <summary>The full name of the exception type thrown on the other silo.</summary>
    public string? RemoteType { get; }
}

/// <summary>
/// A grain refused a request under its rules (a frozen wallet, a rate limit, a caller without the right). The stable
/// <see cref="Code"/> travels across silos and gateways with the message, so callers and the REST gateway can act on it.
/// </summary>
public sealed class RequestRejectedException : GrainRuntimeException
{
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
    public string Code { get; }
}
