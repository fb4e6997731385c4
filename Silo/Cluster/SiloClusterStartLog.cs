namespace Actors.Silo.Cluster;

/// <summary>Says once, when the silo becomes active, which cluster and zone it joined and how its ports are protected.</summary>
internal sealed partial class SiloClusterStartLog(ILocalSiloDetails silo, ILogger<SiloClusterStartLog> logger, SiloClusterOptions options)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(SiloClusterStartLog), ServiceLifecycleStage.Active, _ =>
        {
            var transport = string.IsNullOrWhiteSpace(options.Tls.CertificatePath) ? "loopback only, without TLS" : "mutual TLS";
            LogActive(logger, silo.SiloAddress, options.ClusterId, options.ServiceId, options.Zone, silo.GatewayAddress, transport);
            return Task.CompletedTask;
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Silo {Silo} is active in cluster {ClusterId} (service {ServiceId}), zone {Zone}; gateway {Gateway}; ports {Transport}")]
    private static partial void LogActive(
        ILogger logger, SiloAddress silo, string clusterId, string serviceId, string zone, SiloAddress? gateway, string transport);
}
