using System.Collections.Concurrent;
using System.IO.Pipelines;
using Actors.Runtime.Messaging;
using Actors.Runtime.Testing;

namespace Actors.Runtime.Tests.Messaging;

public sealed class MessageConnectionTests
{
    [Fact]
    public async Task Many_concurrent_senders_deliver_every_message_once_and_in_order_per_sender()
    {
        var (a, b, _, sinkB) = Connect();
        const int Senders = 8, PerSender = 2_000;

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                Assert.True(await a.SendAsync(Message.Ping(((long)s << 32) | (uint)i), CancellationToken.None));
            }
        })));

        await Wait.UntilAsync(() => sinkB.Received.Count == Senders * PerSender, "every ping to arrive");
        var bySender = sinkB.Received.Select(m => m.CorrelationId).GroupBy(id => id >> 32).ToDictionary(g => g.Key, g => g.Select(id => (int)(id & 0xFFFFFFFF)).ToList());
        Assert.Equal(Senders, bySender.Count);
        Assert.All(bySender.Values, ids => Assert.Equal(Enumerable.Range(0, PerSender), ids));
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task Closing_one_end_closes_the_other_and_each_sink_hears_once()
    {
        var (a, b, sinkA, sinkB) = Connect();

        a.Close();

        await Wait.UntilAsync(() => sinkA.Closed == 1 && sinkB.Closed == 1, "both ends to close");
        Assert.True(b.IsClosed);
        Assert.False(a.TrySend(Message.Ping(1)));
        await a.DisposeAsync();
        await b.DisposeAsync();
        Assert.Equal(1, sinkA.Closed);
    }

    [Fact]
    public async Task A_protocol_error_closes_the_connection_with_the_error()
    {
        var pipe = new Pipe();
        var sink = new RecordingSink();
        var connection = new MessageConnection(new DuplexPipe(pipe.Reader, new Pipe().Writer), sink, "test");
        _ = connection.RunAsync();

        await pipe.Writer.WriteAsync(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 });

        await Wait.UntilAsync(() => sink.Closed == 1, "the connection to close");
        Assert.IsType<InvalidDataException>(sink.Error);
        await connection.DisposeAsync();
    }

    private static (MessageConnection A, MessageConnection B, RecordingSink SinkA, RecordingSink SinkB) Connect()
    {
        var aToB = new Pipe();
        var bToA = new Pipe();
        var sinkA = new RecordingSink();
        var sinkB = new RecordingSink();
        var a = new MessageConnection(new DuplexPipe(bToA.Reader, aToB.Writer), sinkA, "a");
        var b = new MessageConnection(new DuplexPipe(aToB.Reader, bToA.Writer), sinkB, "b");
        _ = a.RunAsync();
        _ = b.RunAsync();
        return (a, b, sinkA, sinkB);
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class RecordingSink : IMessageSink
    {
        private int _closed;

        public ConcurrentQueue<Message> Received { get; } = new();

        public int Closed => Volatile.Read(ref _closed);

        public Exception? Error { get; private set; }

        public void OnMessage(MessageConnection connection, Message message) => Received.Enqueue(message);

        public void OnClosed(MessageConnection connection, Exception? error)
        {
            Error = error;
            Interlocked.Increment(ref _closed);
        }
    }
}
