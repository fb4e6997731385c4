using Orleans.Configuration;

namespace Actors.Silo.Cluster;

/// <summary>
/// Orleans's failure detection, tuned so that a silo killed outright is declared dead (and its grains answer from live silos)
/// within about 2.5 s instead of Orleans's ~15 s. Every setting trades detection time against false suspicions: a silo that
/// stalls (a long GC pause, a starved CPU, a saturated thread pool) longer than the probes tolerate is declared dead and stops,
/// and its grains move as if it had crashed. No committed state is lost by that (storage ETags stop a stale writer), but it costs
/// a restart. Bound from <c>Silo:Membership</c>; docs/cluster.md has the table.
/// </summary>
internal sealed class SiloMembershipOptions
{
    /// <summary>
    /// The initial probe timeout; Orleans then adapts each monitor's timeout and probe period to the observed round trips,
    /// within <see cref="MinProbeTimeout"/> and <see cref="MaxProbeTimeout"/> (on a quiet network it settles at half of this).
    /// Default 1 s (Orleans: 5 s). Shorter detects sooner and suspects sooner.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The shortest adapted probe timeout and period. Default null: half of <see cref="ProbeTimeout"/>, as Orleans.</summary>
    public TimeSpan? MinProbeTimeout { get; set; }

    /// <summary>
    /// The longest adapted probe timeout, reached when the probing silo itself is degraded. Orleans also ignores votes against a
    /// silo whose connection delivered a message within <c>MaxProbeTimeout x NumMissedProbesLimit</c>, which bounds detection of a
    /// silo that hangs without closing its connections. Default 1.5 s (Orleans: 4 x ProbeTimeout): a hung host is declared dead
    /// in about 5 s; longer tolerates longer stalls of the prober.
    /// </summary>
    public TimeSpan? MaxProbeTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Consecutive failed probes before a silo is suspected (the last one goes through another silo, which must fail too).
    /// Default 3 (as Orleans). Fewer detects a period sooner; one lost probe then comes closer to a false suspicion.
    /// </summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>
    /// Fresh votes needed to declare a silo dead (Orleans lowers it to a majority in small clusters; an indirect probe's
    /// failure carries the intermediary's vote too). Default 2 (as Orleans). More needs more silos to agree: fewer false deaths,
    /// slower detection, and at most <see cref="NumProbedSilos"/>.
    /// </summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How many silos each silo probes. Default 10 (as Orleans): in clusters of up to 11 silos every silo watches every other.</summary>
    public int NumProbedSilos { get; set; } = 10;

    /// <summary>
    /// How often a silo writes its heartbeat to the membership table. Default 5 s (Orleans: 30 s). Silos whose heartbeat is
    /// older than this times <see cref="NumMissedTableIAmAliveLimit"/> count as stale: probed by everyone, left out of vote
    /// quorums and gossip. Shorter finds stale silos sooner, at one table write per silo per period; keep the product well above
    /// the clock skew between hosts.
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed heartbeats before a silo's entry counts as stale. Default 3 (as Orleans).</summary>
    public int NumMissedTableIAmAliveLimit { get; set; } = 3;

    /// <summary>
    /// How often a silo reads the whole membership table. Default 5 s (Orleans: 60 s). Deaths spread at once by gossip; this
    /// read is the backstop for a silo that missed the gossip, at one table read per silo per period.
    /// </summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a suspicion vote counts. Default 10 s (Orleans: 2 min). Votes of one failure arrive within a couple of probe
    /// periods; a short window keeps two unrelated blips minutes apart from adding up to a death sentence. It must stay longer
    /// than the time the voters need to reach their verdicts.
    /// </summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a starting silo keeps trying to reach every active silo before it gives up and stops. Default 5 min (as Orleans).</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Copies these settings onto Orleans's options.</summary>
    public void ApplyTo(ClusterMembershipOptions membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        membership.ProbeTimeout = ProbeTimeout;
        if (MinProbeTimeout is { } min)
        {
            membership.MinProbeTimeout = min;
        }

        if (MaxProbeTimeout is { } max)
        {
            membership.MaxProbeTimeout = max;
        }

        membership.NumMissedProbesLimit = NumMissedProbesLimit;
        membership.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        membership.NumProbedSilos = NumProbedSilos;
        membership.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        membership.NumMissedTableIAmAliveLimit = NumMissedTableIAmAliveLimit;
        membership.TableRefreshTimeout = TableRefreshTimeout;
        membership.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        membership.MaxJoinAttemptTime = MaxJoinAttemptTime;
    }
}
