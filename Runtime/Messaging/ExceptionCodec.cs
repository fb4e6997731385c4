using System.Text.Json;

namespace Actors.Runtime.Messaging;

/// <summary>
/// Exceptions across the wire: type name, message and parameter name as JSON. The runtime's own exceptions and common BCL
/// argument and state exceptions come back as their own types (a <see cref="RequestRejectedException"/> with its code); anything else as <see cref="RemoteGrainException"/> naming the type.
/// Stack traces stay on the silo that threw (they are logged there), so no internals leak to callers.
/// </summary>
internal static class ExceptionCodec
{
    private static readonly Dictionary<string, Func<string, string?, Exception>> Known = new(StringComparer.Ordinal)
    {
        [typeof(ArgumentException).FullName!] = (m, p) => new ArgumentException(m, p),
        [typeof(ArgumentNullException).FullName!] = (m, p) => new ArgumentNullException(p, m),
        [typeof(ArgumentOutOfRangeException).FullName!] = (m, p) => new ArgumentOutOfRangeException(p, m),
        [typeof(InvalidOperationException).FullName!] = (m, _) => new InvalidOperationException(m),
        [typeof(NotSupportedException).FullName!] = (m, _) => new NotSupportedException(m),
        [typeof(KeyNotFoundException).FullName!] = (m, _) => new KeyNotFoundException(m),
        [typeof(OverflowException).FullName!] = (m, _) => new OverflowException(m),
        [typeof(FormatException).FullName!] = (m, _) => new FormatException(m),
        [typeof(UnauthorizedAccessException).FullName!] = (m, _) => new UnauthorizedAccessException(m),
        [typeof(TimeoutException).FullName!] = (m, _) => new TimeoutException(m),
        [typeof(OperationCanceledException).FullName!] = (m, _) => new OperationCanceledException(m),
        [typeof(TaskCanceledException).FullName!] = (m, _) => new TaskCanceledException(m),
        [typeof(InconsistentStateException).FullName!] = (m, _) => new InconsistentStateException(m),
        [typeof(CorruptStateException).FullName!] = (m, _) => new CorruptStateException(m),
        [typeof(StorageException).FullName!] = (m, _) => new StorageException(m),
        [typeof(GrainCallTimeoutException).FullName!] = (m, _) => new GrainCallTimeoutException(m),
        [typeof(UnknownGrainTypeException).FullName!] = (m, _) => new UnknownGrainTypeException(m),
        [typeof(UnknownGrainMethodException).FullName!] = (m, _) => new UnknownGrainMethodException(m),
        [typeof(SiloUnavailableException).FullName!] = (m, _) => new SiloUnavailableException(m),
        [typeof(MalformedGrainCallException).FullName!] = (m, _) => new MalformedGrainCallException(m),
    };

    public static byte[] Encode(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var envelope = new Envelope(
            error.GetType().FullName ?? error.GetType().Name, error.Message, (error as ArgumentException)?.ParamName, (error as RequestRejectedException)?.Code);
        return JsonSerializer.SerializeToUtf8Bytes(envelope, EnvelopeContext.Options);
    }

    public static Exception Decode(ReadOnlySpan<byte> payload)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(payload, EnvelopeContext.Options);
        }
        catch (JsonException error)
        {
            return new MalformedGrainCallException($"A remote error could not be read: {error.Message}", error);
        }

        if (envelope is null)
        {
            return new MalformedGrainCallException("A remote error was empty.");
        }

        if (envelope.Type == typeof(RequestRejectedException).FullName)
        {
            return new RequestRejectedException(string.IsNullOrEmpty(envelope.Code) ? "rejected" : envelope.Code, envelope.Message);
        }

        return Known.TryGetValue(envelope.Type, out var create)
            ? create(envelope.Message, envelope.ParamName)
            : new RemoteGrainException(envelope.Type, envelope.Message);
    }

    private sealed record Envelope(string Type, string Message, string? ParamName, string? Code = null);

    private static class EnvelopeContext
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
