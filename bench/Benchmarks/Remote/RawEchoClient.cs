using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Actors.Benchmarks.Remote;

/// <summary>
/// The baseline for cross-silo calls: length-prefixed frames echoed over one loopback TCP connection, with the same
/// concurrency model as silo messaging (many callers multiplexed on one connection, a write loop that coalesces queued
/// frames into one flush, a read loop that completes each caller by correlation id) and nothing else.
/// <see cref="EchoAsync"/> completes when the frame comes back.
/// </summary>
internal sealed class RawEchoClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly int _payloadLength;
    private readonly Channel<long> _outbound = Channel.CreateBounded<long>(new BoundedChannelOptions(16_384) { SingleReader = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
    private readonly Task _reading;
    private readonly Task _writing;
    private long _next;

    private RawEchoClient(Socket socket, int frameLength)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _payloadLength = Math.Max(8, frameLength - 4);
        _reading = Task.Run(ReadLoopAsync);
        _writing = Task.Run(WriteLoopAsync);
    }

    public static async Task<RawEchoClient> ConnectAsync(int port, int frameLength)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
        return new RawEchoClient(socket, frameLength);
    }

    public Task EchoAsync()
    {
        var id = Interlocked.Increment(ref _next);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        return _outbound.Writer.TryWrite(id) ? done.Task : SendSlowAsync(id, done);
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        _socket.Shutdown(SocketShutdown.Both);
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _reading.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task SendSlowAsync(long id, TaskCompletionSource done)
    {
        await _outbound.Writer.WriteAsync(id).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var writer = PipeWriter.Create(_stream);
        var reader = _outbound.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var id))
            {
                var span = writer.GetSpan(4 + _payloadLength);
                BinaryPrimitives.WriteInt32LittleEndian(span, _payloadLength);
                BinaryPrimitives.WriteInt64LittleEndian(span[4..], id);
                span.Slice(12, _payloadLength - 8).Fill(0x2A);
                writer.Advance(4 + _payloadLength);
            }

            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    private static long ReadId(ReadOnlySequence<byte> frame)
    {
        Span<byte> id = stackalloc byte[8];
        frame.Slice(0, 8).CopyTo(id);
        return BinaryPrimitives.ReadInt64LittleEndian(id);
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream);
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            while (RawEchoServer.TryFrame(ref buffer, out var frame))
            {
                if (_pending.TryRemove(ReadId(frame), out var done))
                {
                    done.TrySetResult();
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
