namespace Actors.Runtime.Messaging;

/// <summary>What a frame carries.</summary>
internal enum MessageKind : byte
{
    /// <summary>The first frame on a connection: who is speaking.</summary>
    Hello = 1,

    /// <summary>A grain call.</summary>
    Request = 2,

    /// <summary>The answer to a request, with the request's correlation id.</summary>
    Response = 3,

    /// <summary>A liveness probe.</summary>
    Ping = 4,

    /// <summary>The answer to a probe.</summary>
    Pong = 5,

    /// <summary>A cluster client asks its gateway for the cluster's gateways; the answer has the same kind and lists them.</summary>
    GatewayList = 6,

    /// <summary>
    /// A gateway that is stopping tells its client to send nothing more on this connection. The gateway still answers what
    /// it receives until the client, its calls answered, closes the connection.
    /// </summary>
    Goodbye = 7,
}

/// <summary>How a request ended, as told in its response.</summary>
internal enum ResponseStatus : byte
{
    /// <summary>The method returned; the payload is its result.</summary>
    Ok = 0,

    /// <summary>The method (or the runtime) threw; the payload is the exception.</summary>
    Error = 1,

    /// <summary>The receiver did not run the call (not the owner, shutting down, dead epoch); the caller may retry elsewhere.</summary>
    Rejected = 2,
}
