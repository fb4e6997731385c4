using Actors.Silo.Cluster;
using Microsoft.Extensions.Options;

namespace Actors.Silo;

/// <summary>
/// Logs this silo's membership status as it goes through its life: Active once it has joined, then, on a graceful stop,
/// ShuttingDown once it has told the cluster it is leaving, and Dead once it has left. Each line reads the status Orleans holds
/// at that point, so operators (and tests of a stop) see what the cluster was told.
/// </summary>
internal sealed partial class SiloStatusLog(
    ISiloStatusOracle membership, IOptions<SiloClusterOptions> options, ILogger<SiloStatusLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);

        // Stages stop from the highest down: just below the stage where Orleans announces the shutdown, and just below the one
        // where it records the silo dead, the status has changed.
        lifecycle.Subscribe(nameof(SiloStatusLog), ServiceLifecycleStage.Active, Now, Nothing);
        lifecycle.Subscribe(nameof(SiloStatusLog), ServiceLifecycleStage.BecomeActive - 1, Nothing, Now);
        lifecycle.Subscribe(nameof(SiloStatusLog), ServiceLifecycleStage.RuntimeInitialize, Nothing, Now);
    }

    private Task Now(CancellationToken cancellationToken)
    {
        LogStatus(logger, membership.SiloAddress, options.Value.Zone, options.Value.ClusterId, membership.CurrentStatus);
        return Task.CompletedTask;
    }

    private static Task Nothing(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Silo {Silo} in zone {Zone} of cluster {ClusterId} is {Status}")]
    private static partial void LogStatus(ILogger logger, SiloAddress silo, string zone, string clusterId, SiloStatus status);
}
