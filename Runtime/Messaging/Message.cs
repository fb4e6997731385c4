namespace Actors.Runtime.Messaging;

/// <summary>
/// One frame's content. Requests name the target grain, the method id and a deadline; responses carry the request's
/// correlation id and a status; the payload is serialized arguments, a result, an exception or a rejection reason.
/// </summary>
internal sealed class Message
{
    public MessageKind Kind { get; init; }

    public long CorrelationId { get; init; }

    /// <summary>Requests: the grain called.</summary>
    public GrainId Target { get; init; }

    /// <summary>Requests: the method id.</summary>
    public uint MethodId { get; init; }

    /// <summary>Requests: when the caller stops waiting (Unix ms); the receiver drops requests past it.</summary>
    public long DeadlineUnixMs { get; init; }

    /// <summary>Requests: how many silos passed it on already.</summary>
    public byte ForwardCount { get; init; }

    /// <summary>Responses: how the request ended.</summary>
    public ResponseStatus Status { get; init; }

    /// <summary>Hello: the speaker's cluster.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Hello: the speaking silo (a client has port 0).</summary>
    public SiloAddress Sender { get; init; }

    public ReadOnlyMemory<byte> Payload { get; init; }

    public static Message Hello(string clusterId, SiloAddress sender) => new() { Kind = MessageKind.Hello, ClusterId = clusterId, Sender = sender };

    public static Message Ping(long correlationId) => new() { Kind = MessageKind.Ping, CorrelationId = correlationId };

    public static Message Pong(long correlationId, ReadOnlyMemory<byte> payload = default) =>
        new() { Kind = MessageKind.Pong, CorrelationId = correlationId, Payload = payload };

    public static Message Response(long correlationId, ResponseStatus status, ReadOnlyMemory<byte> payload) =>
        new() { Kind = MessageKind.Response, CorrelationId = correlationId, Status = status, Payload = payload };
}
