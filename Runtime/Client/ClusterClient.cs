using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Messaging;
using Actors.Runtime.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Runtime.Client;

/// <summary>
/// Calls grains from outside the cluster through a silo's gateway port, by interface, as code inside a silo does.
/// <para>
/// The client holds one multiplexed connection to one gateway, picked at random among the known ones so that clients
/// spread. It learns the cluster's other gateways from the one it is connected to. When the gateway dies or stops serving,
/// new calls go through another gateway. A call the gateway refused unrun, or that could not be sent, is retried through
/// another gateway until the call's timeout; a call lost with its connection may have run and fails with
/// <see cref="SiloUnavailableException"/>: retry it with the same idempotency key (as grains in this system accept).
/// </para>
/// </summary>
public sealed class ClusterClient : IGrainFactory, IPendingCalls, IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private readonly ClusterClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GrainFactory _factory;
    private readonly JsonSerializerOptions _json = JsonGrainStateSerializer.DefaultOptions;
    private readonly GrainCallSerializer _serializer = new();
    private readonly SocketConnectionContextFactory _sockets = new(new SocketConnectionFactoryOptions(), NullLogger.Instance);
    private readonly CallTimeoutTracker _timeouts;
    private readonly ConcurrentDictionary<long, IRemoteCall> _pending = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string[]>> _listRequests = new();
    private readonly ConcurrentDictionary<GatewayEndpoint, long> _unreachableUntil = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly SiloAddress _identity;
    private readonly GatewayEndpoint[] _configured;
    private GatewayEndpoint[] _learned = [];
    private volatile GatewayLink? _current;
    private Task? _refreshing;
    private long _nextCorrelation;

    private ClusterClient(ClusterClientOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _configured = [.. options.Gateways.Select(g => GatewayEndpoint.TryParse(g, out var e) ? e : default)];
        _timeouts = new CallTimeoutTracker(time, options.ResponseTimeout, TimeSpan.FromMilliseconds(200));
        _factory = new GrainFactory(new Invoker(this));
        _identity = new SiloAddress($"client-{Environment.ProcessId}", 0, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The cluster this client calls into.</summary>
    public string ClusterId => _options.ClusterId;

    /// <summary>The gateway calls go through now (<c>host:port</c>), or null between connections.</summary>
    public string? CurrentGateway => _current is { IsUsable: true } link ? link.Endpoint.ToString() : null;

    /// <summary>Every gateway the client knows: the configured ones and those the cluster reported.</summary>
    public IReadOnlyList<string> KnownGateways => [.. Candidates().Select(e => e.ToString())];

    /// <summary>Calls waiting for their answers.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Connects to one of the configured gateways and returns the client; throws when none answers in time.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message names the setting).</exception>
    /// <exception cref="SiloUnavailableException">No gateway answered.</exception>
    public static async Task<ClusterClient> ConnectAsync(
        ClusterClientOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var client = new ClusterClient(options, timeProvider ?? TimeProvider.System, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Actors.Runtime.Client"));
        try
        {
            await client.GetLinkAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        client._refreshing = client.RefreshGatewaysPeriodicallyAsync();
        return client;
    }

    /// <inheritdoc />
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey =>
        _factory.GetGrain<TGrainInterface>(key);

    /// <summary>Asks the current gateway for the cluster's gateways now (the client also does so periodically).</summary>
    public async Task RefreshGatewaysAsync(CancellationToken cancellationToken = default)
    {
        var link = await GetLinkAsync(cancellationToken).ConfigureAwait(false);
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var answer = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _listRequests[correlation] = answer;
        try
        {
            if (!link.Connection.TrySend(new Message { Kind = MessageKind.GatewayList, CorrelationId = correlation }))
            {
                return;
            }

            var listed = await answer.Task.WaitAsync(_options.ConnectTimeout, _time, cancellationToken).ConfigureAwait(false);
            _learned = [.. listed.Select(g => GatewayEndpoint.TryParse(g, out var e) ? e : default).Where(e => e.Host is not null)];
        }
        finally
        {
            _listRequests.TryRemove(correlation, out _);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (_refreshing is not null)
        {
            await _refreshing.ConfigureAwait(false);
        }

        var link = _current;
        _current = null;
        if (link is not null)
        {
            link.Connection.Close();
            await link.Running.ConfigureAwait(false);
        }

        _timeouts.Dispose();
        _sockets.Dispose();
        _disposed.Dispose();
    }

    void IPendingCalls.Forget(long correlationId) => _pending.TryRemove(correlationId, out _);

    internal void OnMessage(GatewayLink link, Message message)
    {
        switch (message.Kind)
        {
            case MessageKind.Response:
                if (_pending.TryRemove(message.CorrelationId, out var call))
                {
                    _timeouts.Unregister((ITimeoutTarget)call);
                    call.OnResponse(message);
                }

                break;
            case MessageKind.Goodbye:
                // The gateway is stopping: no new call goes out on this link; it closes once its calls are answered.
                if (Interlocked.CompareExchange(ref _current, null, link) == link)
                {
                    Log.GatewayLost(_logger, link.Endpoint.ToString(), "it is stopping");
                }

                link.Retire();
                break;
            case MessageKind.GatewayList:
                if (_listRequests.TryRemove(message.CorrelationId, out var answer))
                {
                    answer.TrySetResult(Encoding.UTF8.GetString(message.Payload.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries));
                }

                break;
        }
    }

    internal void OnClosed(GatewayLink link, Exception? error)
    {
        if (Interlocked.CompareExchange(ref _current, null, link) == link && !_disposed.IsCancellationRequested)
        {
            Log.GatewayLost(_logger, link.Endpoint.ToString(), error?.Message ?? "closed");
        }

        var reason = error?.Message ?? $"gateway {link.Endpoint} closed the connection";
        foreach (var (correlation, call) in _pending)
        {
            if (ReferenceEquals(call.Connection, link.Connection) && _pending.TryRemove(correlation, out _))
            {
                _timeouts.Unregister((ITimeoutTarget)call);
                call.OnConnectionLost(reason);
            }
        }
    }

    private async Task<TResult> InvokeAsync<TResult>(GrainId grainId, GrainRequest<TResult> request)
    {
        var giveUp = _time.GetUtcNow() + (request.Method.ResponseTimeout ?? _options.ResponseTimeout);
        while (true)
        {
            GatewayLink? link = null;
            try
            {
                link = await GetLinkAsync(_disposed.Token).ConfigureAwait(false);
                return await SendAsync(link, grainId, request).ConfigureAwait(false);
            }
            catch (SiloUnavailableException error) when (error.CallNotRun && !_disposed.IsCancellationRequested && _time.GetUtcNow() + RetryPause < giveUp)
            {
                // The gateway refused the call unrun (it is stopping or fenced) or never got it: go through another one.
                if (link is not null && Interlocked.CompareExchange(ref _current, null, link) == link)
                {
                    link.Retire();
                }

                await Task.Delay(RetryPause, _time).ConfigureAwait(false);
            }
        }
    }

    private async Task<TResult> SendAsync<TResult>(GatewayLink link, GrainId grainId, GrainRequest<TResult> request)
    {
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var call = new RemoteCall<TResult>(request, grainId, correlation, link.Connection, this, _json);
        var timeout = request.Method.ResponseTimeout ?? _options.ResponseTimeout;
        var message = new Message
        {
            Kind = MessageKind.Request, CorrelationId = correlation, Target = grainId, MethodId = request.Method.MethodId,
            DeadlineUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds,
            Payload = _serializer.SerializeArguments(request),
        };
        if (!link.TryBegin())
        {
            throw new SiloUnavailableException($"Gateway {link.Endpoint} was retired before {request.Method.DisplayName} was sent.") { CallNotRun = true };
        }

        try
        {
            _pending[correlation] = call;
            _timeouts.Register(call, request.Method);
            if (!await link.Connection.SendAsync(message, _disposed.Token).ConfigureAwait(false))
            {
                _pending.TryRemove(correlation, out _);
                _timeouts.Unregister(call);
                throw new SiloUnavailableException($"Gateway {link.Endpoint} closed before {request.Method.DisplayName} was sent.") { CallNotRun = true };
            }

            return await call.Task.ConfigureAwait(false);
        }
        finally
        {
            link.End();
        }
    }

    private async Task<GatewayLink> GetLinkAsync(CancellationToken cancellationToken)
    {
        if (_current is { IsUsable: true } current)
        {
            return current;
        }

        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { IsUsable: true } connected)
            {
                return connected;
            }

            var failures = new List<string>();
            foreach (var endpoint in ConnectionOrder())
            {
                try
                {
                    var link = await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    _unreachableUntil.TryRemove(endpoint, out _);
                    _current = link;
                    Log.GatewayConnected(_logger, endpoint.ToString(), await link.Hello.ConfigureAwait(false));
                    return link;
                }
                catch (Exception error) when (error is SocketException or SiloUnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _unreachableUntil[endpoint] = Environment.TickCount64 + (long)_options.GatewayRetryDelay.TotalMilliseconds;
                    Log.GatewayUnreachable(_logger, endpoint.ToString(), error.Message);
                    failures.Add($"{endpoint}: {error.Message}");
                }
            }

            throw new SiloUnavailableException($"No gateway of cluster '{ClusterId}' answered ({string.Join("; ", failures)}).") { CallNotRun = true };
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<GatewayLink> ConnectAsync(GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var link = new GatewayLink(this, endpoint, _sockets.Create(socket));
        link.Connection.TrySend(Message.Hello(ClusterId, _identity));
        try
        {
            await link.Hello.WaitAsync(timeout.Token).ConfigureAwait(false);
            return link;
        }
        catch
        {
            link.Connection.Close();
            throw;
        }
    }

    // Known gateways from a random start (clients spread over the cluster), the recently unreachable ones last.
    private List<GatewayEndpoint> ConnectionOrder()
    {
        var candidates = Candidates();
        var start = Random.Shared.Next(candidates.Count);
        var rotated = candidates.Skip(start).Concat(candidates.Take(start)).ToList();
        var now = Environment.TickCount64;
        return [.. rotated.OrderBy(e => _unreachableUntil.TryGetValue(e, out var until) && until > now)];
    }

    private List<GatewayEndpoint> Candidates() => [.. _learned.Concat(_configured).Distinct()];

    private async Task RefreshGatewaysPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(_options.GatewayListRefreshPeriod, _time);
        try
        {
            do
            {
                try
                {
                    await RefreshGatewaysAsync(_disposed.Token).ConfigureAwait(false);
                }
                catch (Exception error) when (error is SiloUnavailableException or TimeoutException)
                {
                    // No gateway right now: calls will look for one; the next tick asks again.
                }
            }
            while (await timer.WaitForNextTickAsync(_disposed.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Invoker(ClusterClient client) : IGrainCallInvoker
    {
        public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
        {
            ArgumentNullException.ThrowIfNull(target);
            ArgumentNullException.ThrowIfNull(request);
            return client.InvokeAsync(target.GrainId, request);
        }
    }
}
