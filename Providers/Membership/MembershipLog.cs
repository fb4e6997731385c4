using Microsoft.Extensions.Logging;

namespace Actors.Providers.Membership;

/// <summary>The membership table's log messages (event ids 2300 to 2399).</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information,
        Message = "Membership table of cluster {ClusterId} ready on the {Store} store")]
    public static partial void Initialized(ILogger logger, string clusterId, string store);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information,
        Message = "Deleted {Count} defunct silo rows of cluster {ClusterId} last updated before {BeforeDate}")]
    public static partial void DefunctRowsDeleted(ILogger logger, int count, string clusterId, DateTimeOffset beforeDate);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Deleted the membership rows of cluster {ClusterId}")]
    public static partial void ClusterDeleted(ILogger logger, string clusterId);
}
