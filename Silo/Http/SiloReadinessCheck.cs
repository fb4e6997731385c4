using Actors.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Actors.Silo.Http;

/// <summary>Ready when the silo is Active and a read from its storage succeeds.</summary>
internal sealed class SiloReadinessCheck(ILocalSilo silo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (silo.Status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"Silo is {silo.Status}.");
        }

        return await silo.IsStorageReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"Silo is Active; {silo.StorageName} storage answers.")
            : HealthCheckResult.Unhealthy($"{silo.StorageName} storage does not answer.");
    }
}
