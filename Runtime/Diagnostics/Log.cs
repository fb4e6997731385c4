using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Diagnostics;

/// <summary>The runtime's log messages, with stable event ids (1000s: activation, 2000s: storage, 3000s: silo, 4000s: messaging, 5000s: membership, 6000s: reminders).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Activation of grain {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, GrainId grainId, Exception error);

    [LoggerMessage(1002, LogLevel.Debug, "Grain {GrainId} deactivated ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(1003, LogLevel.Warning, "OnDeactivateAsync of grain {GrainId} failed ({Reason})")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grainId, DeactivationReason reason, Exception error);

    [LoggerMessage(1004, LogLevel.Warning, "A timer callback of grain {GrainId} failed")]
    public static partial void TimerFailed(ILogger logger, GrainId grainId, Exception error);

    [LoggerMessage(2001, LogLevel.Warning, "Write of state {StateName} of grain {GrainId} lost its version check (held version {Version}); deactivating")]
    public static partial void WriteConflict(ILogger logger, GrainId grainId, string stateName, long version);

    [LoggerMessage(2002, LogLevel.Error, "Storage {Provider} failed to commit a batch of {Count} writes")]
    public static partial void BatchFailed(ILogger logger, string provider, int count, Exception error);

    [LoggerMessage(3001, LogLevel.Information, "Silo {Silo} in zone {Zone} of cluster {ClusterId} is {Status} (storage: {Storage})")]
    public static partial void SiloStatusChanged(ILogger logger, SiloAddress silo, string zone, string clusterId, SiloStatus status, string storage);

    [LoggerMessage(3002, LogLevel.Warning, "Shutdown gave up waiting for {Count} activations after {Timeout}")]
    public static partial void ShutdownTimedOut(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(3003, LogLevel.Warning, "Shutdown was cancelled by the host with {Count} activations left")]
    public static partial void ShutdownCancelled(ILogger logger, int count);

    [LoggerMessage(2003, LogLevel.Warning, "Stopping the storage writer gave up after {Timeout}; {Count} writes were failed")]
    public static partial void CommitterStopTimedOut(ILogger logger, TimeSpan timeout, int count);

    [LoggerMessage(1005, LogLevel.Error, "A turn of grain {GrainId} failed to start")]
    public static partial void TurnFailedToStart(ILogger logger, GrainId grainId, Exception error);

    [LoggerMessage(4001, LogLevel.Warning, "Closing {Connection}: it belongs to cluster {TheirCluster}, not {OurCluster}")]
    public static partial void WrongCluster(ILogger logger, string connection, string? theirCluster, string ourCluster);

    [LoggerMessage(5001, LogLevel.Information, "Silo {Silo} sees membership version {Version}: {Active} active of {Members} members")]
    public static partial void ViewChanged(ILogger logger, SiloAddress silo, long version, int active, int members);

    [LoggerMessage(5002, LogLevel.Warning, "Silo {Dead} declared dead by {Declarer}: {Reason}")]
    public static partial void DeclaredDead(ILogger logger, SiloAddress dead, SiloAddress declarer, string reason);

    [LoggerMessage(5003, LogLevel.Error, "Silo {Silo} cannot renew its membership lease and stops serving grain calls: {Reason}")]
    public static partial void Fenced(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(5004, LogLevel.Critical, "Silo {Silo} finds itself declared dead in the membership table; it stops")]
    public static partial void FoundSelfDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(5005, LogLevel.Warning, "Could not record status {Status} for silo {Silo}")]
    public static partial void MembershipUpdateFailed(ILogger logger, SiloAddress silo, SiloStatus status, Exception error);

    [LoggerMessage(5006, LogLevel.Error, "A membership round of silo {Silo} failed; the next round runs as usual")]
    public static partial void MembershipRoundFailed(ILogger logger, SiloAddress silo, Exception error);
}
