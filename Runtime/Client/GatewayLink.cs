using Actors.Runtime.Messaging;
using Microsoft.AspNetCore.Connections;

namespace Actors.Runtime.Client;

/// <summary>
/// A cluster client's connection to one gateway. It is usable once the gateway has answered the hello; a retired link
/// takes no new calls and closes when its last call has ended.
/// </summary>
internal sealed class GatewayLink : IMessageSink
{
    private readonly ClusterClient _client;
    private readonly TaskCompletionSource<SiloAddress> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _retired;

    public GatewayLink(ClusterClient client, GatewayEndpoint endpoint, ConnectionContext context)
    {
        _client = client;
        Endpoint = endpoint;
        Connection = new MessageConnection(context.Transport, this, $"gateway {endpoint}");
        Running = Connection.RunAsync().ContinueWith(static (_, c) => ((ConnectionContext)c!).DisposeAsync().AsTask(), context, TaskScheduler.Default).Unwrap();
    }

    public GatewayEndpoint Endpoint { get; }

    public MessageConnection Connection { get; }

    /// <summary>Ends when the connection has closed and its socket is released.</summary>
    public Task Running { get; }

    /// <summary>The gateway's silo, once it has answered the hello.</summary>
    public Task<SiloAddress> Hello => _hello.Task;

    public bool IsUsable => !Connection.IsClosed && Volatile.Read(ref _retired) == 0 && _hello.Task.IsCompletedSuccessfully;

    /// <summary>Counts a call going out on this link; false (and not counted) when the link has been retired meanwhile.</summary>
    public bool TryBegin()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }

        End();
        return false;
    }

    /// <summary>Counts a call that has ended; the last one closes a retired link.</summary>
    public void End()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retired) != 0)
        {
            Connection.Close();
        }
    }

    /// <summary>Takes no new calls; closes once the calls in flight have ended.</summary>
    public void Retire()
    {
        Interlocked.Exchange(ref _retired, 1);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            Connection.Close();
        }
    }

    public void OnMessage(MessageConnection connection, Message message)
    {
        if (message.Kind == MessageKind.Hello)
        {
            _hello.TrySetResult(message.Sender);
            return;
        }

        _client.OnMessage(this, message);
    }

    public void OnClosed(MessageConnection connection, Exception? error)
    {
        _hello.TrySetException(new SiloUnavailableException(
            $"Gateway {Endpoint} closed the connection before its hello ({error?.Message ?? "is it a gateway port of cluster '" + _client.ClusterId + "'?"}).") { CallNotRun = true });
        _client.OnClosed(this, error);
    }
}
