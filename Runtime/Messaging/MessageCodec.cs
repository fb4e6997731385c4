using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Actors.Runtime.Messaging;

/// <summary>
/// Frames on the wire: a 4-byte little-endian length, then the kind, the correlation id and the kind's fields; strings are
/// a 2-byte length and UTF-8; the payload takes the rest of the frame.
/// </summary>
internal static class MessageCodec
{
    /// <summary>The largest frame accepted; a longer one is a protocol error and closes the connection.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    public static void Write(IBufferWriter<byte> output, Message message)
    {
        var length = BodyLength(message);
        if (length > MaxFrameLength)
        {
            throw new InvalidOperationException($"A {message.Kind} frame of {length} bytes exceeds the {MaxFrameLength}-byte limit.");
        }

        var span = output.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        var body = span.Slice(4, length);
        body[0] = (byte)message.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(body[1..], message.CorrelationId);
        var at = 9;
        switch (message.Kind)
        {
            case MessageKind.Hello:
                at = WriteString(body, at, message.ClusterId!);
                at = WriteSilo(body, at, message.Sender);
                break;
            case MessageKind.Request:
                BinaryPrimitives.WriteInt64LittleEndian(body[at..], message.DeadlineUnixMs);
                body[at + 8] = message.ForwardCount;
                BinaryPrimitives.WriteUInt32LittleEndian(body[(at + 9)..], message.MethodId);
                at = WriteString(body, at + 13, message.Target.Type);
                at = WriteString(body, at, message.Target.Key);
                break;
            case MessageKind.Response:
                body[at++] = (byte)message.Status;
                break;
        }

        message.Payload.Span.CopyTo(body[at..]);
        output.Advance(4 + length);
    }

    /// <summary>Reads one whole frame from the front of the buffer; false when the frame has not fully arrived.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid frame (the connection must close).</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out Message message)
    {
        message = null!;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is < 9 or > MaxFrameLength)
        {
            throw new InvalidDataException($"Frame length {length} is outside 9..{MaxFrameLength}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        var frame = buffer.Slice(4, length);
        var body = frame.IsSingleSegment ? frame.FirstSpan : frame.ToArray();
        message = Parse(body);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private static Message Parse(ReadOnlySpan<byte> body)
    {
        var kind = (MessageKind)body[0];
        var correlation = BinaryPrimitives.ReadInt64LittleEndian(body[1..]);
        var at = 9;
        switch (kind)
        {
            case MessageKind.Hello:
                var cluster = ReadString(body, ref at);
                var sender = ReadSilo(body, ref at);
                return new Message { Kind = kind, CorrelationId = correlation, ClusterId = cluster, Sender = sender };
            case MessageKind.Request:
                Need(body, at, 13);
                var deadline = BinaryPrimitives.ReadInt64LittleEndian(body[at..]);
                var forwards = body[at + 8];
                var method = BinaryPrimitives.ReadUInt32LittleEndian(body[(at + 9)..]);
                at += 13;
                var type = ReadString(body, ref at);
                var key = ReadString(body, ref at);
                GrainId target;
                try
                {
                    target = GrainId.Create(type, key);
                }
                catch (ArgumentException error)
                {
                    throw new InvalidDataException($"Request names an invalid grain id: {error.Message}", error);
                }

                return new Message
                {
                    Kind = kind, CorrelationId = correlation, Target = target, MethodId = method, DeadlineUnixMs = deadline,
                    ForwardCount = forwards, Payload = body[at..].ToArray(),
                };
            case MessageKind.Response:
                Need(body, at, 1);
                var status = (ResponseStatus)body[at];
                if (status > ResponseStatus.Rejected)
                {
                    throw new InvalidDataException($"Unknown response status {(byte)status}.");
                }

                return Message.Response(correlation, status, body[(at + 1)..].ToArray());
            case MessageKind.Ping or MessageKind.Pong or MessageKind.GatewayList or MessageKind.Goodbye:
                return new Message { Kind = kind, CorrelationId = correlation, Payload = body[at..].ToArray() };
            default:
                throw new InvalidDataException($"Unknown frame kind {(byte)kind}.");
        }
    }

    private static int BodyLength(Message message) => 9 + message.Kind switch
    {
        MessageKind.Hello => StringLength(message.ClusterId!) + StringLength(message.Sender.Host) + 12,
        MessageKind.Request => 13 + StringLength(message.Target.Type) + StringLength(message.Target.Key),
        MessageKind.Response => 1,
        _ => 0,
    } + message.Payload.Length;

    private static int StringLength(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes <= ushort.MaxValue ? 2 + bytes : throw new InvalidOperationException($"A string of {bytes} bytes does not fit a frame field.");
    }

    private static int WriteString(Span<byte> body, int at, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, body[(at + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(body[at..], (ushort)written);
        return at + 2 + written;
    }

    private static string ReadString(ReadOnlySpan<byte> body, ref int at)
    {
        Need(body, at, 2);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        Need(body, at + 2, length);
        var value = Encoding.UTF8.GetString(body.Slice(at + 2, length));
        at += 2 + length;
        return value;
    }

    private static int WriteSilo(Span<byte> body, int at, SiloAddress silo)
    {
        at = WriteString(body, at, silo.Host);
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], silo.Port);
        BinaryPrimitives.WriteInt64LittleEndian(body[(at + 4)..], silo.Epoch);
        return at + 12;
    }

    private static SiloAddress ReadSilo(ReadOnlySpan<byte> body, ref int at)
    {
        var host = ReadString(body, ref at);
        Need(body, at, 12);
        var silo = new SiloAddress(host, BinaryPrimitives.ReadInt32LittleEndian(body[at..]), BinaryPrimitives.ReadInt64LittleEndian(body[(at + 4)..]));
        at += 12;
        return silo;
    }

    private static void Need(ReadOnlySpan<byte> body, int at, int count)
    {
        if (at + count > body.Length)
        {
            throw new InvalidDataException($"Frame ends at byte {body.Length}, before a field of {count} bytes at {at}.");
        }
    }
}
