using Actors.Grains.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace Actors.Silo.Http;

/// <summary>
/// Ready when the silo has joined the cluster (Active in the membership) and a read from its grain storage succeeds: a silo
/// that is still joining, shutting down, or cut off from its database is taken out of a load balancer's rotation.
/// </summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle membership, IServiceProvider services) : IHealthCheck
{
    // A state nobody writes: reading it asks the database without touching any grain's row.
    private static readonly GrainId Probe = GrainId.Create("readiness-probe", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (membership.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {membership.CurrentStatus}, not Active in the cluster.");
        }

        var storage = DefaultGrainStorage.Of(services);
        try
        {
            await storage.ReadStateAsync("readiness", Probe, new GrainState<ReadinessProbe>(), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The grain storage does not answer.", error);
        }

        return HealthCheckResult.Healthy("The silo is Active; its grain storage answers.");
    }

    private sealed class ReadinessProbe;
}
