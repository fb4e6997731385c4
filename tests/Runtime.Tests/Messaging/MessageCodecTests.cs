using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Actors.Runtime.Messaging;

namespace Actors.Runtime.Tests.Messaging;

public sealed class MessageCodecTests
{
    [Fact]
    public void Every_kind_of_frame_reads_back_as_written()
    {
        var request = new Message
        {
            Kind = MessageKind.Request, CorrelationId = long.MaxValue, Target = GrainId.Create("wallet", "0xAbC/ключ"), MethodId = 0xDEADBEEF,
            DeadlineUnixMs = 1_800_000_000_123, ForwardCount = 2, Payload = Encoding.UTF8.GetBytes("[1,\"two\"]"),
        };
        var hello = Message.Hello("cluster-1", new SiloAddress("10.0.0.7", 11111, 42));
        var response = Message.Response(7, ResponseStatus.Rejected, Encoding.UTF8.GetBytes("not the owner"));

        var gateways = new Message { Kind = MessageKind.GatewayList, CorrelationId = 11, Payload = Encoding.UTF8.GetBytes("a:1\nb:2") };
        var read = RoundTrip(request, hello, response, Message.Ping(9), Message.Pong(9), gateways, new Message { Kind = MessageKind.Goodbye });

        Assert.Equal(7, read.Count);
        Assert.Equal(request.Target, read[0].Target);
        Assert.Equal((request.CorrelationId, request.MethodId, request.DeadlineUnixMs, request.ForwardCount), (read[0].CorrelationId, read[0].MethodId, read[0].DeadlineUnixMs, read[0].ForwardCount));
        Assert.Equal(request.Payload.ToArray(), read[0].Payload.ToArray());
        Assert.Equal(("cluster-1", hello.Sender), (read[1].ClusterId, read[1].Sender));
        Assert.Equal((7L, ResponseStatus.Rejected, "not the owner"), (read[2].CorrelationId, read[2].Status, Encoding.UTF8.GetString(read[2].Payload.Span)));
        Assert.Equal((MessageKind.Ping, 9L), (read[3].Kind, read[3].CorrelationId));
        Assert.Equal(MessageKind.Pong, read[4].Kind);
        Assert.Equal((MessageKind.GatewayList, 11L, "a:1\nb:2"), (read[5].Kind, read[5].CorrelationId, Encoding.UTF8.GetString(read[5].Payload.Span)));
        Assert.Equal(MessageKind.Goodbye, read[6].Kind);
    }

    [Fact]
    public void A_frame_split_across_segments_and_reads_is_read_only_when_whole()
    {
        var bytes = Encode(Message.Response(1, ResponseStatus.Ok, new byte[300]));

        for (var cut = 0; cut < bytes.Length; cut++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.False(MessageCodec.TryRead(ref partial, out _));
        }

        var whole = Segmented(bytes, 7);
        Assert.True(MessageCodec.TryRead(ref whole, out var message));
        Assert.Equal(300, message.Payload.Length);
        Assert.Equal(0, whole.Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(MessageCodec.MaxFrameLength + 1)]
    public void Impossible_frame_lengths_are_protocol_errors(int length)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.Throws<InvalidDataException>(() => MessageCodec.TryRead(ref buffer, out _));
    }

    [Fact]
    public void Unknown_kinds_truncated_fields_and_bad_grain_ids_are_protocol_errors()
    {
        var unknownKind = Encode(Message.Ping(1));
        unknownKind[4] = 99;
        var badStatus = Encode(Message.Response(1, ResponseStatus.Ok, default));
        badStatus[13] = 9;
        var request = Encode(new Message { Kind = MessageKind.Request, Target = GrainId.Create("wallet", "k"), Payload = new byte[] { 1 } });
        var badType = (byte[])request.Clone();
        badType[4 + 9 + 13 + 2] = (byte)'W';
        var truncated = (byte[])request.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(truncated.AsSpan(4 + 9 + 13), 500);

        foreach (var bytes in new[] { unknownKind, badStatus, badType, truncated })
        {
            var buffer = new ReadOnlySequence<byte>(bytes);
            Assert.Throws<InvalidDataException>(() => MessageCodec.TryRead(ref buffer, out _));
        }
    }

    private static List<Message> RoundTrip(params Message[] messages)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var message in messages)
        {
            MessageCodec.Write(writer, message);
        }

        var buffer = Segmented(writer.WrittenSpan.ToArray(), 5);
        var read = new List<Message>();
        while (MessageCodec.TryRead(ref buffer, out var message))
        {
            read.Add(message);
        }

        Assert.Equal(0, buffer.Length);
        return read;
    }

    private static byte[] Encode(Message message)
    {
        var writer = new ArrayBufferWriter<byte>();
        MessageCodec.Write(writer, message);
        return writer.WrittenSpan.ToArray();
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var at = 0; at < bytes.Length; at += size)
        {
            var chunk = bytes.AsMemory(at, Math.Min(size, bytes.Length - at));
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
