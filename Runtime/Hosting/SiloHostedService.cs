using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Hosting;

/// <summary>
/// Starts the silo with the host and stops it gracefully (every activation deactivated, pending writes committed, the
/// membership row marked Dead) on shutdown or SIGTERM. The stop runs in <see cref="StoppingAsync"/>, before any service
/// stops, so that the web server is still up (and its silo connections still open) while grains deactivate. A silo that
/// finds itself declared dead stops its host: it must not serve again under this epoch.
/// </summary>
internal sealed class SiloHostedService(SiloRuntime runtime, IHostApplicationLifetime lifetime) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        runtime.Membership.DeclaredDead += lifetime.StopApplication;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
