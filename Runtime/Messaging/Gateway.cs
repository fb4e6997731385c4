using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;

namespace Actors.Runtime.Messaging;

/// <summary>
/// The silo's gateway port: cluster clients connect here and call grains as if they were inside the silo. Requests go
/// through the silo's router, so a grain owned by another silo is called there. A silo that is not Active (joining,
/// shutting down) or is fenced refuses requests unrun, and the client retries them through another gateway. Clients also
/// ask for the list of the cluster's gateways, to fail over without configuration.
/// </summary>
internal sealed class Gateway(SiloRuntime runtime) : IMessageSink, IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private readonly JsonSerializerOptions _options = JsonGrainStateSerializer.DefaultOptions;
    private readonly GrainCallSerializer _serializer = new();
    private readonly ConcurrentDictionary<MessageConnection, byte> _clients = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, for the requests under way to answer. Call it once the silo has stopped
    /// taking requests (no longer Active), so that closing the clients' connections afterwards loses no answer.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        _draining = true;
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return;
        }

        try
        {
            await _drained.Task.WaitAsync(timeout, runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.GatewayDrainTimedOut(runtime.Logger, Volatile.Read(ref _inFlight), timeout);
        }
    }

    /// <summary>Serves a client connection Kestrel accepted, until it closes.</summary>
    public async Task AcceptAsync(ConnectionContext context)
    {
        var connection = new MessageConnection(context.Transport, this, $"client {context.RemoteEndPoint}");
        _clients[connection] = 0;
        using var registration = _stopping.Token.Register(connection.Close);
        await connection.RunAsync().ConfigureAwait(false);
    }

    public void OnMessage(MessageConnection connection, Message message)
    {
        if (connection.PeerHello is null && message.Kind != MessageKind.Hello)
        {
            connection.Close(); // A client speaks its hello first.
            return;
        }

        switch (message.Kind)
        {
            case MessageKind.Hello:
                if (message.ClusterId != runtime.ClusterId)
                {
                    Log.WrongCluster(runtime.Logger, connection.Description, message.ClusterId, runtime.ClusterId);
                    connection.Close();
                    return;
                }

                if (runtime.IsFenced || runtime.Status != SiloStatus.Active)
                {
                    connection.Close(); // Not serving: the client connects to another gateway.
                    return;
                }

                connection.PeerHello = message;
                connection.TrySend(Message.Hello(runtime.ClusterId, runtime.SiloAddress));
                Log.ClientConnected(runtime.Logger, connection.Description, _clients.Count);
                break;
            case MessageKind.Request:
                HandleRequest(connection, message);
                break;
            case MessageKind.Ping:
                connection.TrySend(Message.Pong(message.CorrelationId));
                break;
            case MessageKind.GatewayList:
                connection.TrySend(new Message { Kind = MessageKind.GatewayList, CorrelationId = message.CorrelationId, Payload = GatewayList() });
                break;
        }
    }

    public void OnClosed(MessageConnection connection, Exception? error)
    {
        if (_clients.TryRemove(connection, out _) && connection.PeerHello is not null)
        {
            Log.ClientDisconnected(runtime.Logger, connection.Description, error?.Message ?? "closed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Clients are told to send nothing more; what they sent meanwhile is still answered (refused unrun), and each client
        // closes its connection once its calls are answered. Connections still open after the timeout are closed.
        var open = _clients.Keys.ToList();
        foreach (var connection in open)
        {
            connection.TrySend(new Message { Kind = MessageKind.Goodbye });
        }

        try
        {
            await Task.WhenAll(open.Select(c => c.RunAsync())).WaitAsync(CloseTimeout, runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.GatewayClientsLingered(runtime.Logger, _clients.Count, CloseTimeout);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var connection in _clients.Keys)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>The gateways of the Active silos in this silo's view, one <c>host:port</c> per line.</summary>
    public byte[] GatewayList() =>
        Encoding.UTF8.GetBytes(string.Join('\n', runtime.Membership.View.Active.Select(m => $"{m.Silo.Host}:{m.GatewayPort}")));

    private void HandleRequest(MessageConnection connection, Message message)
    {
        if (message.DeadlineUnixMs < runtime.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return; // The client has stopped waiting.
        }

        // Counted before the status check: a drain that finds no request under way cannot miss one that is about to start.
        Interlocked.Increment(ref _inFlight);
        if (runtime.IsFenced || runtime.Status != SiloStatus.Active)
        {
            Finished();
            var reason = runtime.IsFenced ? "fenced (cannot renew its membership lease)" : runtime.Status.ToString();
            connection.TrySend(Message.Response(message.CorrelationId, ResponseStatus.Rejected, Encoding.UTF8.GetBytes($"gateway {runtime.SiloAddress} is {reason}")));
            return;
        }

        var running = RequestDispatch.Run(connection, message, runtime.Router, _serializer, _options);
        if (running.IsCompleted)
        {
            Finished();
        }
        else
        {
            running.ContinueWith(static (_, gateway) => ((Gateway)gateway!).Finished(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Finished()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }
}
