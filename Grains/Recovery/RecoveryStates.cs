using Actors.Grains.Interfaces.Recovery;

namespace Actors.Grains.Recovery;

/// <summary>The recovery states as metric tag values: stable snake_case names, whatever the enum's spelling becomes.</summary>
internal static class RecoveryStates
{
    public static string Name(RecoveryStatus status) => status switch
    {
        RecoveryStatus.AwaitingApprovals => "awaiting_approvals",
        RecoveryStatus.AwaitingReview => "awaiting_review",
        RecoveryStatus.Timelocked => "timelocked",
        RecoveryStatus.Finalized => "finalized",
        RecoveryStatus.Cancelled => "cancelled",
        RecoveryStatus.Rejected => "rejected",
        RecoveryStatus.Expired => "expired",
        _ => "unknown",
    };
}
