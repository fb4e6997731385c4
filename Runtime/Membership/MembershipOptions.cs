namespace Actors.Runtime.Membership;

/// <summary>
/// Failure-detection timings. Peers probe each other every <see cref="ProbePeriod"/>; after <see cref="MissedProbesLimit"/>
/// missed probes they vote, and enough votes declare a silo dead (about 2 s for a killed process, whose connections are
/// refused at once). A heartbeat older than <see cref="DeathTimeout"/> declares it dead too, as a backstop. Both fit the
/// 5 s failover target. Bound from <c>Silo:Membership</c>.
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo renews its heartbeat and reads the table. Default 500 ms.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A silo whose heartbeat (on the database clock) is older than this is declared Dead by a peer. Default 4 s. A silo
    /// that has not renewed its own heartbeat for <see cref="DeathTimeout"/> minus <see cref="HeartbeatPeriod"/> fences itself
    /// first: it stops serving grain calls before anyone may declare it dead.
    /// </summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How often each silo probes its peers over the silo connection. Default 500 ms.</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a probe waits for its answer. Default 500 ms.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive missed probes after which a silo votes that a peer is dead. Default 3.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes from distinct live silos needed to declare a silo dead (fewer when fewer silos can vote). Default 2.</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>How long a vote counts. Default 10 s.</summary>
    public TimeSpan VoteExpiration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Dead rows older than this are deleted from the table. Default 1 hour.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromHours(1);
}
