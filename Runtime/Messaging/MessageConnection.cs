using System.IO.Pipelines;
using System.Threading.Channels;

namespace Actors.Runtime.Messaging;

/// <summary>
/// A framed, multiplexed connection over a duplex pipe. Senders queue messages; one write loop drains the queue into the pipe
/// and flushes once per drain, so concurrent senders share syscalls. The queue is bounded: when it is full senders wait
/// (back-pressure) instead of buffering without limit.
/// </summary>
internal sealed class MessageConnection : IAsyncDisposable
{
    private const int OutboundCapacity = 16_384;
    private readonly IDuplexPipe _transport;
    private readonly IMessageSink _sink;
    private readonly Channel<Message> _outbound = Channel.CreateBounded<Message>(new BoundedChannelOptions(OutboundCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly CancellationTokenSource _closing = new();
    private Task? _running;
    private int _closed;

    public MessageConnection(IDuplexPipe transport, IMessageSink sink, string description)
    {
        _transport = transport;
        _sink = sink;
        Description = description;
    }

    /// <summary>For logs: who is on the other end.</summary>
    public string Description { get; }

    /// <summary>The peer's hello, once received.</summary>
    public Message? PeerHello { get; set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Starts the read and write loops; the task ends when the connection closes.</summary>
    public Task RunAsync()
    {
        _running ??= RunCoreAsync();
        return _running;
    }

    /// <summary>Queues a message; false when the connection is closed.</summary>
    public bool TrySend(Message message) => _outbound.Writer.TryWrite(message);

    /// <summary>Queues a message, waiting while the queue is full; false when the connection is closed.</summary>
    public async ValueTask<bool> SendAsync(Message message, CancellationToken cancellationToken)
    {
        if (_outbound.Writer.TryWrite(message))
        {
            return true;
        }

        try
        {
            await _outbound.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Closes the connection: both loops end and the sink hears of it once. Frames still queued are dropped.</summary>
    public void Close() => _closing.Cancel();

    public async ValueTask DisposeAsync()
    {
        Close();
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }

        _closing.Dispose();
    }

    public override string ToString() => Description;

    private async Task RunCoreAsync()
    {
        Exception? error = null;
        var reading = ReadLoopAsync();
        var writing = WriteLoopAsync();
        try
        {
            await Task.WhenAny(reading, writing).ConfigureAwait(false);
            error = reading.Exception?.GetBaseException() ?? writing.Exception?.GetBaseException();
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            _outbound.Writer.TryComplete();
            await Task.WhenAll(reading, writing).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                _sink.OnClosed(this, error);
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (MessageCodec.TryRead(ref buffer, out var message))
                {
                    _sink.OnMessage(this, message);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
    }

    private async Task WriteLoopAsync()
    {
        var output = _transport.Output;
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    MessageCodec.Write(output, message);
                }

                var flushed = await output.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
    }
}
