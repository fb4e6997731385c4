using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Starts the Orleans dashboard's metrics collection on this silo with the first dashboard request and stops it when nobody
/// has asked for <see cref="DashboardSettings.IdleTimeout"/>. The package's host (<c>DashboardHost</c>, which activates the
/// dashboard grain as a hosted service and, as a participant in the silo's lifecycle, exports the Orleans meters to it every
/// second through an OpenTelemetry reader) is taken out of both at composition (<see cref="DashboardComposition"/>) and run
/// here: created, started as a hosted service, and its lifecycle participation started through a lifecycle of its own, so
/// an unwatched silo runs no exporter, no meter listener and no idle check. The package's grain profiler already follows
/// viewers by itself.
/// </summary>
internal sealed partial class DashboardCollection(
    IServiceProvider services, DashboardHostType hostType, TimeProvider time, IOptions<DashboardSettings> settings,
    ILogger<DashboardCollection> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private DashboardHostRun? _host;
    private ITimer? _idleCheck;
    private long _lastSeen;

    /// <summary>Whether the collection runs now.</summary>
    public bool IsCollecting => Volatile.Read(ref _host) is not null;

    /// <summary>Notes a dashboard request: starts the collection if it is not running, and keeps it running.</summary>
    public void Seen()
    {
        Volatile.Write(ref _lastSeen, time.GetTimestamp());
        if (Volatile.Read(ref _host) is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_host is not null)
            {
                return;
            }

            var host = new DashboardHostRun((IHostedService)ActivatorUtilities.CreateInstance(services, hostType.Type));
            var idle = settings.Value.IdleTimeout;
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, idle.Ticks / 4));
            _idleCheck = time.CreateTimer(_ => StopIfIdle(), null, period, period);
            Volatile.Write(ref _host, host);
            LogStarted(logger);
            _ = host.StartAsync(CancellationToken.None).ContinueWith(
                t => LogStartFailed(logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DashboardHostRun? host;
        lock (_gate)
        {
            host = Take();
        }

        if (host is not null)
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private void StopIfIdle()
    {
        DashboardHostRun? host;
        lock (_gate)
        {
            if (time.GetElapsedTime(Volatile.Read(ref _lastSeen)) < settings.Value.IdleTimeout)
            {
                return;
            }

            host = Take();
        }

        if (host is not null)
        {
            LogStopped(logger, settings.Value.IdleTimeout);
            _ = host.StopAsync(CancellationToken.None);
        }
    }

    private DashboardHostRun? Take()
    {
        var host = _host;
        _idleCheck?.Dispose();
        _idleCheck = null;
        Volatile.Write(ref _host, null);
        return host;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Dashboard metrics collection started on this silo for a viewer.")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Dashboard metrics collection stopped: no dashboard request for {IdleTimeout}.")]
    private static partial void LogStopped(ILogger logger, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Dashboard metrics collection failed to start.")]
    private static partial void LogStartFailed(ILogger logger, Exception error);
}

/// <summary>
/// One run of the package's host: started as a hosted service, with its silo-lifecycle observers started in stage order
/// and stopped in reverse; stopping it disposes the host, which disposes its meter provider, its exporter and its listener.
/// </summary>
internal sealed class DashboardHostRun(IHostedService host) : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; } = int.MinValue;

    public int LowestStoppedStage { get; private set; } = int.MaxValue;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new Unsubscriber(() => _observers.Remove((stage, observer)));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken);
        if (host is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(this);
        }

        foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage).ToList())
        {
            await observer.OnStart(cancellationToken);
            HighestCompletedStage = stage;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (stage, observer) in _observers.OrderByDescending(o => o.Stage).ToList())
        {
            await observer.OnStop(cancellationToken);
            LowestStoppedStage = stage;
        }

        await host.StopAsync(cancellationToken);
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync(); // disposes the meter provider, which ends the exporter and its listener
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}

/// <summary>The type of the Orleans dashboard package's host service, taken out of the hosted services to be started on demand.</summary>
/// <param name="Type">The host's type (internal to the package; created with <see cref="ActivatorUtilities"/>).</param>
internal sealed record DashboardHostType(Type Type);
