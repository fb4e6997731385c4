using Microsoft.Extensions.Options;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Starts the Orleans dashboard's metrics collection on this silo with the first dashboard request and stops it when nobody
/// has asked for <see cref="DashboardSettings.IdleTimeout"/>. The package's host (<c>DashboardHost</c>, which activates the
/// dashboard grain and exports the Orleans meters to it every second through an OpenTelemetry reader) is taken out of the
/// hosted services at composition (<see cref="DashboardComposition"/>) and created here, so an unwatched silo runs no exporter,
/// no meter listener and no idle check. The package's grain profiler already follows viewers by itself.
/// </summary>
internal sealed partial class DashboardCollection(
    IServiceProvider services, DashboardHostType hostType, TimeProvider time, IOptions<DashboardSettings> settings,
    ILogger<DashboardCollection> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private IHostedService? _host;
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

            var host = (IHostedService)ActivatorUtilities.CreateInstance(services, hostType.Type);
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
        IHostedService? host;
        lock (_gate)
        {
            host = Take();
        }

        await StopAsync(host);
    }

    private void StopIfIdle()
    {
        IHostedService? host;
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
            _ = StopAsync(host);
        }
    }

    private IHostedService? Take()
    {
        var host = _host;
        _idleCheck?.Dispose();
        _idleCheck = null;
        Volatile.Write(ref _host, null);
        return host;
    }

    private static async Task StopAsync(IHostedService? host)
    {
        if (host is null)
        {
            return;
        }

        await host.StopAsync(CancellationToken.None);
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync(); // disposes the meter provider, which ends the exporter and its listener
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Dashboard metrics collection started on this silo for a viewer.")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Dashboard metrics collection stopped: no dashboard request for {IdleTimeout}.")]
    private static partial void LogStopped(ILogger logger, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Dashboard metrics collection failed to start.")]
    private static partial void LogStartFailed(ILogger logger, Exception error);
}

/// <summary>The type of the Orleans dashboard package's host service, taken out of the hosted services to be started on demand.</summary>
/// <param name="Type">The host's type (internal to the package; created with <see cref="ActivatorUtilities"/>).</param>
internal sealed record DashboardHostType(Type Type);
