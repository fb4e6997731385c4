using Actors.Grains.Interfaces.Recovery;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Recovery;

/// <summary>The recovery request grains' log messages (event ids 4200 to 4299). Addresses only; never a signature.</summary>
internal static partial class RecoveryLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Recovery {RequestId} of wallet {Wallet} to new owner {NewOwner}: {From} -> {To} (risk {Risk}, {Approvals} approvals)")]
    public static partial void StateChanged(
        ILogger logger, string requestId, string wallet, string newOwner, RecoveryStatus? from, RecoveryStatus to, RecoveryRisk risk,
        int approvals);
}
