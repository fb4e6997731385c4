namespace Actors.Runtime.Membership;

/// <summary>
/// One row of the membership table: a silo (address and epoch), where it runs, its status, its last heartbeat and the
/// suspicions other silos have recorded against it. Times are Unix milliseconds on the database's clock.
/// </summary>
/// <param name="Silo">The silo's address and epoch; a restarted silo is a new row.</param>
/// <param name="Zone">The silo's zone label.</param>
/// <param name="Status">Joining, Active, ShuttingDown or Dead.</param>
/// <param name="GatewayPort">The port cluster clients connect to.</param>
/// <param name="HttpPort">The REST port, 0 when the silo serves none.</param>
/// <param name="StartedAt">When the row was inserted (database clock, Unix ms).</param>
/// <param name="HeartbeatAt">The silo's last heartbeat (database clock, Unix ms).</param>
/// <param name="Suspicions">Votes by other silos that this one is dead.</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string Zone,
    SiloStatus Status,
    int GatewayPort,
    int HttpPort,
    long StartedAt,
    long HeartbeatAt,
    IReadOnlyList<Suspicion> Suspicions);

/// <summary>A vote by one silo that another is dead.</summary>
/// <param name="Suspecter">The silo that voted.</param>
/// <param name="At">When, on the database clock (Unix ms).</param>
public sealed record Suspicion(SiloAddress Suspecter, long At);

/// <summary>A row as read, with the row's version for a compare-and-swap update.</summary>
/// <param name="Entry">The row.</param>
/// <param name="Version">The row's version; every update of the row adds one.</param>
public sealed record VersionedMembershipEntry(MembershipEntry Entry, long Version);

/// <summary>The whole table of one cluster, read in one transaction.</summary>
/// <param name="TableVersion">The cluster's table version: every insert or row update adds one (heartbeats do not).</param>
/// <param name="Now">The database clock when the table was read (Unix ms), to compare heartbeats without clock skew.</param>
/// <param name="Entries">Every row of the cluster.</param>
public sealed record MembershipSnapshot(long TableVersion, long Now, IReadOnlyList<VersionedMembershipEntry> Entries);
