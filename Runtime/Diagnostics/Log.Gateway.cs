using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Diagnostics;

/// <summary>Gateway and cluster client messages (7000s).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Debug, "Cluster client {Connection} connected ({Clients} connected)")]
    public static partial void ClientConnected(ILogger logger, string connection, int clients);

    [LoggerMessage(7002, LogLevel.Debug, "Cluster client {Connection} disconnected: {Reason}")]
    public static partial void ClientDisconnected(ILogger logger, string connection, string reason);

    [LoggerMessage(7003, LogLevel.Warning, "The gateway stopped with {Count} client requests still running after {Timeout}")]
    public static partial void GatewayDrainTimedOut(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(7004, LogLevel.Warning, "{Count} cluster clients kept their connections open {Timeout} after the gateway said goodbye; closing them")]
    public static partial void GatewayClientsLingered(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(7101, LogLevel.Information, "Cluster client connected to gateway {Gateway} ({Silo})")]
    public static partial void GatewayConnected(ILogger logger, string gateway, SiloAddress silo);

    [LoggerMessage(7102, LogLevel.Warning, "Cluster client lost gateway {Gateway}: {Reason}")]
    public static partial void GatewayLost(ILogger logger, string gateway, string reason);

    [LoggerMessage(7103, LogLevel.Debug, "Cluster client cannot reach gateway {Gateway}: {Reason}")]
    public static partial void GatewayUnreachable(ILogger logger, string gateway, string reason);
}
