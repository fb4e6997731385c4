namespace Actors.Benchmarks.Failover;

/// <summary>
/// The two sets of failure-detection timings compared: the Silo host's tuned defaults (no setting given), and Orleans's own
/// defaults restored key by key through the host's <c>Silo:Membership:*</c>, <c>Silo:ResponseTimeout</c> and
/// <c>Silo:ConnectTimeout</c> settings (the values of Orleans 10.4.2's <c>ClusterMembershipOptions</c>,
/// <c>SiloMessagingOptions</c> and <c>ConnectionOptions</c>).
/// </summary>
internal static class MembershipTimings
{
    public const string Tuned = "tuned";
    public const string OrleansDefaults = "orleans-defaults";

    public static readonly string[] Profiles = [Tuned, OrleansDefaults];

    public static IReadOnlyDictionary<string, string> Settings(string profile) => profile switch
    {
        Tuned => new Dictionary<string, string>(),
        OrleansDefaults => new Dictionary<string, string>
        {
            ["Silo:Membership:ProbeTimeout"] = "00:00:05",
            ["Silo:Membership:MaxProbeTimeout"] = "00:00:20",
            ["Silo:Membership:NumMissedProbesLimit"] = "3",
            ["Silo:Membership:NumVotesForDeathDeclaration"] = "2",
            ["Silo:Membership:NumProbedSilos"] = "10",
            ["Silo:Membership:IAmAliveTablePublishTimeout"] = "00:00:30",
            ["Silo:Membership:NumMissedTableIAmAliveLimit"] = "3",
            ["Silo:Membership:TableRefreshTimeout"] = "00:01:00",
            ["Silo:Membership:DeathVoteExpirationTimeout"] = "00:02:00",
            ["Silo:ResponseTimeout"] = "00:00:30",
            ["Silo:ConnectTimeout"] = "00:00:05",
        },
        _ => throw new ArgumentException($"Unknown timings '{profile}': use {string.Join(" or ", Profiles)}."),
    };
}
