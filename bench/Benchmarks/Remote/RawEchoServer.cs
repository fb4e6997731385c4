using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Actors.Benchmarks.Remote;

/// <summary>
/// The server side of the baseline for cross-silo calls: echoes length-prefixed frames back on the connection they came on
/// (see <see cref="RawEchoClient"/>).
/// </summary>
internal static class RawEchoServer
{
    /// <summary>Listens on 127.0.0.1 and echoes every frame; returns the port.</summary>
    public static int StartServer(CancellationToken stopping)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _ = Task.Run(async () =>
        {
            using var registration = stopping.Register(listener.Stop);
            while (!stopping.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                socket.NoDelay = true;
                _ = Task.Run(() => EchoAsync(socket));
            }
        }, stopping);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EchoAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        var writer = PipeWriter.Create(stream);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var echoed = false;
                while (TryFrame(ref buffer, out var frame))
                {
                    var span = writer.GetSpan(4 + (int)frame.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(span, (int)frame.Length);
                    frame.CopyTo(span[4..]);
                    writer.Advance(4 + (int)frame.Length);
                    echoed = true;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (echoed)
                {
                    await writer.FlushAsync().ConfigureAwait(false);
                }

                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
        }
    }

    internal static bool TryFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (buffer.Length < 4 + length)
        {
            return false;
        }

        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
