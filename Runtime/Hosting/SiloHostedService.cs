using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Hosting;

/// <summary>Starts the silo with the host and stops it gracefully (every activation deactivated) on shutdown or SIGTERM.</summary>
internal sealed class SiloHostedService(SiloRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
