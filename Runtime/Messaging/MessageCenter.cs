using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Messaging;

/// <summary>
/// A silo's messaging: one outbound connection per peer silo (reconnected with backoff), the inbound connections Kestrel
/// accepts, requests dispatched into the local catalog, and responses matched to waiting calls by correlation id.
/// Responses go back on the connection their request came in on.
/// </summary>
internal sealed partial class MessageCenter : IMessageSink, IPendingCalls, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private readonly SiloRuntime _runtime;
    private readonly JsonSerializerOptions _options = JsonGrainStateSerializer.DefaultOptions;
    private readonly GrainCallSerializer _serializer = new();
    private readonly SocketConnectionContextFactory _sockets = new(new SocketConnectionFactoryOptions(), NullLogger.Instance);
    private readonly ConcurrentDictionary<long, IRemoteCall> _pending = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pings = new();
    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<MessageConnection>>> _outbound = new();
    private readonly ConcurrentDictionary<SiloAddress, (int Failures, long RetryAt)> _backoff = new();
    private readonly ConcurrentDictionary<MessageConnection, byte> _inbound = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextCorrelation;

    public MessageCenter(SiloRuntime runtime) => _runtime = runtime;

    public int PendingCount => _pending.Count;

    /// <summary>Test hook: silos this one cannot reach or hear (a network partition).</summary>
    internal ConcurrentDictionary<SiloAddress, byte> Blocked { get; } = new();

    /// <summary>Cuts this silo off from a peer: existing connections close, new ones are refused both ways.</summary>
    internal void Partition(SiloAddress peer)
    {
        Blocked[peer] = 0;
        if (_outbound.TryRemove(peer, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.Close();
        }

        foreach (var connection in _inbound.Keys.Where(c => c.PeerHello?.Sender == peer))
        {
            connection.Close();
        }
    }

    internal void Heal(SiloAddress peer) => Blocked.TryRemove(peer, out _);

    /// <summary>Sends a request to the silo that holds the grain and completes with its result or error.</summary>
    public async Task<TResult> InvokeRemoteAsync<TResult>(SiloAddress silo, GrainId target, GrainRequest<TResult> request, byte forwardCount = 0)
    {
        var connection = await GetConnectionAsync(silo).ConfigureAwait(false);
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var call = new RemoteCall<TResult>(request, target, correlation, connection, this, _options);
        var timeout = request.Method.ResponseTimeout ?? _runtime.Options.ResponseTimeout;
        var message = new Message
        {
            Kind = MessageKind.Request, CorrelationId = correlation, Target = target, MethodId = request.Method.MethodId,
            DeadlineUnixMs = _runtime.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds,
            ForwardCount = forwardCount, Payload = _serializer.SerializeArguments(request),
        };
        _pending[correlation] = call;
        _runtime.Timeouts.Register(call, request.Method);
        if (!await connection.SendAsync(message, _stopping.Token).ConfigureAwait(false))
        {
            Forget(correlation);
            call.OnConnectionLost("the connection closed before the request was sent");
        }

        return await call.Task.ConfigureAwait(false);
    }

    /// <summary>Probes a silo over its connection; its activation count when it answered within the timeout, else null.</summary>
    public async Task<int?> PingAsync(SiloAddress silo, TimeSpan timeout)
    {
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var pong = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[correlation] = pong;
        try
        {
            var connection = await GetConnectionAsync(silo).WaitAsync(timeout, _runtime.TimeProvider).ConfigureAwait(false);
            if (!connection.TrySend(Message.Ping(correlation)))
            {
                return null;
            }

            return await pong.Task.WaitAsync(timeout, _runtime.TimeProvider).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SiloUnavailableException or TimeoutException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            _pings.TryRemove(correlation, out _);
        }
    }

    /// <summary>Removes a call that gave up waiting (timed out).</summary>
    public void Forget(long correlationId) => _pending.TryRemove(correlationId, out _);

    /// <summary>Serves a connection Kestrel accepted, until it closes.</summary>
    public async Task AcceptAsync(ConnectionContext context)
    {
        var connection = new MessageConnection(context.Transport, this, $"inbound {context.RemoteEndPoint}");
        _inbound[connection] = 0;
        connection.TrySend(Message.Hello(_runtime.ClusterId, _runtime.SiloAddress));
        using var registration = _stopping.Token.Register(connection.Close);
        await connection.RunAsync().ConfigureAwait(false);
    }

    public void OnMessage(MessageConnection connection, Message message)
    {
        switch (message.Kind)
        {
            case MessageKind.Hello:
                if (message.ClusterId != _runtime.ClusterId)
                {
                    Log.WrongCluster(_runtime.Logger, connection.Description, message.ClusterId, _runtime.ClusterId);
                    connection.Close();
                    return;
                }

                if (Blocked.ContainsKey(message.Sender))
                {
                    connection.Close();
                    return;
                }

                connection.PeerHello = message;
                break;
            case MessageKind.Request:
                HandleRequest(connection, message);
                break;
            case MessageKind.Response:
                if (_pending.TryRemove(message.CorrelationId, out var call))
                {
                    _runtime.Timeouts.Unregister((ITimeoutTarget)call);
                    call.OnResponse(message);
                }

                break;
            case MessageKind.Ping:
                // Answered even while fenced: the process is alive. A silo cut off from the table alone is caught by its
                // expired heartbeat, and after a table outage nobody should be voted dead for having fenced itself.
                var count = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(count, _runtime.Catalog.Count);
                connection.TrySend(Message.Pong(message.CorrelationId, count));
                break;
            case MessageKind.Pong:
                if (_pings.TryRemove(message.CorrelationId, out var pong))
                {
                    pong.TrySetResult(message.Payload.Length >= 4 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span) : 0);
                }

                break;
        }
    }

    public void OnClosed(MessageConnection connection, Exception? error)
    {
        _inbound.TryRemove(connection, out _);
        foreach (var (silo, lazy) in _outbound)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, connection))
            {
                _outbound.TryRemove(KeyValuePair.Create(silo, lazy));
            }
        }

        var reason = error?.Message ?? "closed";
        foreach (var (correlation, call) in _pending)
        {
            if (ReferenceEquals(call.Connection, connection) && _pending.TryRemove(correlation, out _))
            {
                _runtime.Timeouts.Unregister((ITimeoutTarget)call);
                call.OnConnectionLost(reason);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var lazy in _outbound.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                await lazy.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var connection in _inbound.Keys)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _sockets.Dispose();
        _stopping.Dispose();
    }

    private void HandleRequest(MessageConnection connection, Message message)
    {
        if (message.DeadlineUnixMs < _runtime.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return; // The caller has stopped waiting: running it would only cost.
        }

        if (RefusalReason(connection, message) is { } refusal)
        {
            connection.TrySend(Message.Response(message.CorrelationId, ResponseStatus.Rejected, Encoding.UTF8.GetBytes(refusal)));
            return;
        }

        _ = RequestDispatch.Run(connection, message, _runtime.Catalog, _serializer, _options);
    }

    // Why this silo will not run a request: it is fenced, the sender is a dead epoch, or another silo owns the grain.
    private string? RefusalReason(MessageConnection connection, Message message)
    {
        if (_runtime.IsFenced)
        {
            return $"silo {_runtime.SiloAddress} is fenced (cannot renew its membership lease)";
        }

        if (connection.PeerHello?.Sender is { Port: > 0 } sender && _runtime.Membership.View.Find(sender)?.Status == SiloStatus.Dead)
        {
            connection.Close();
            return $"sender {sender} was declared dead";
        }

        var owner = _runtime.Router.OwnerOf(message.Target);
        return owner == _runtime.SiloAddress ? null : $"grain {message.Target} belongs to {owner} in view {_runtime.Membership.View.Version}";
    }

    private async Task<MessageConnection> GetConnectionAsync(SiloAddress silo)
    {
        while (true)
        {
            var lazy = _outbound.GetOrAdd(silo, s => new Lazy<Task<MessageConnection>>(() => ConnectAsync(s)));
            try
            {
                var connection = await lazy.Value.ConfigureAwait(false);
                if (!connection.IsClosed)
                {
                    return connection;
                }
            }
            catch (Exception) when (lazy.Value.IsFaulted)
            {
                _outbound.TryRemove(KeyValuePair.Create(silo, lazy));
                throw;
            }

            _outbound.TryRemove(KeyValuePair.Create(silo, lazy));
        }
    }

    private async Task<MessageConnection> ConnectAsync(SiloAddress silo)
    {
        if (Blocked.ContainsKey(silo))
        {
            throw new SiloUnavailableException($"Silo {silo} is cut off from {_runtime.SiloAddress} (partition).") { CallNotRun = true };
        }

        var now = Environment.TickCount64;
        if (_backoff.TryGetValue(silo, out var state) && now < state.RetryAt)
        {
            throw new SiloUnavailableException($"Silo {silo} is unreachable (retrying in {state.RetryAt - now} ms).") { CallNotRun = true };
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_runtime.Options.ConnectTimeout);
            await socket.ConnectAsync(silo.Host, silo.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            var failures = state.Failures + 1;
            var delay = Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(failures, 10)));
            _backoff[silo] = (failures, Environment.TickCount64 + (long)delay);
            throw new SiloUnavailableException($"Cannot connect to silo {silo}: {error.Message}", error) { CallNotRun = true };
        }

        _backoff.TryRemove(silo, out _);
        var context = _sockets.Create(socket);
        var connection = new MessageConnection(context.Transport, this, $"silo {silo}");
        connection.TrySend(Message.Hello(_runtime.ClusterId, _runtime.SiloAddress));
        _ = connection.RunAsync().ContinueWith(static (_, c) => ((ConnectionContext)c!).DisposeAsync().AsTask(), context, TaskScheduler.Default);
        return connection;
    }
}
