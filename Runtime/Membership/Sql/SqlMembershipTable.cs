using Actors.Runtime.Storage.Sql;

namespace Actors.Runtime.Membership.Sql;

/// <summary>
/// The operations of <see cref="IMembershipTable"/> over ADO.NET, shared by the SQLite and PostgreSQL tables, which supply the
/// dialect and the way transactions are opened. Each operation runs in one transaction and commits only when it changed
/// something: a lost compare-and-swap returns with the transaction still open, and disposing it rolls back.
/// </summary>
/// <remarks>
/// <para>
/// Writers take the cluster's version row before any membership row, so two writers of one cluster take turns on it and cannot
/// deadlock; heartbeats and deletions take membership rows only.
/// </para>
/// <para>
/// Deleting dead rows does not change the table version. They say Dead, which no decision counts as a member; a silo that looks
/// for its deleted row finds none and stops as if it had read Dead; an update of a deleted row loses its row compare-and-swap.
/// </para>
/// </remarks>
internal sealed partial class SqlMembershipTable(MembershipSql sql, ISqlDatabase database)
{
    public Task<MembershipSnapshot> ReadAsync(string clusterId, CancellationToken cancellationToken)
    {
        ValidateCluster(clusterId);
        return database.RunAsync(write: false, "read membership from", t => ReadAsync(t, clusterId, cancellationToken), cancellationToken);
    }

    public Task<bool> TryInsertAsync(string clusterId, MembershipEntry entry, long tableVersion, CancellationToken cancellationToken)
    {
        ValidateCluster(clusterId);
        ValidateEntry(entry);
        return database.RunAsync(
            write: true,
            "insert a membership row into",
            t => TryInsertAsync(t, clusterId, entry, tableVersion, cancellationToken),
            cancellationToken);
    }

    public Task<bool> TryUpdateAsync(string clusterId, MembershipEntry entry, long rowVersion, long tableVersion, CancellationToken cancellationToken)
    {
        ValidateCluster(clusterId);
        ValidateEntry(entry);
        return database.RunAsync(
            write: true,
            "update a membership row in",
            t => TryUpdateAsync(t, clusterId, entry, rowVersion, tableVersion, cancellationToken),
            cancellationToken);
    }

    public Task<long?> HeartbeatAsync(string clusterId, SiloAddress silo, CancellationToken cancellationToken)
    {
        ValidateCluster(clusterId);
        ValidateSilo(silo, nameof(silo));
        return database.RunAsync(
            write: true, "record a heartbeat in", t => HeartbeatAsync(t, clusterId, silo, cancellationToken), cancellationToken);
    }

    public Task<int> DeleteDeadAsync(string clusterId, long olderThan, CancellationToken cancellationToken)
    {
        ValidateCluster(clusterId);
        return database.RunAsync(
            write: true, "delete dead silos from", t => DeleteDeadAsync(t, clusterId, olderThan, cancellationToken), cancellationToken);
    }

    private static void ValidateCluster(string clusterId) => ArgumentException.ThrowIfNullOrEmpty(clusterId);

    // Checked before any connection is opened, so that a bad argument is never reported as a storage failure.
    private static void ValidateEntry(MembershipEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateSilo(entry.Silo, nameof(entry));
        if (entry.Zone is null || entry.Suspicions is null || !Enum.IsDefined(entry.Status))
        {
            throw new ArgumentException("A membership entry needs a zone, a defined status and a suspicion list.", nameof(entry));
        }

        foreach (var suspicion in entry.Suspicions)
        {
            if (suspicion is null)
            {
                throw new ArgumentException("A membership entry's suspicions cannot hold null.", nameof(entry));
            }

            ValidateSilo(suspicion.Suspecter, nameof(entry));
        }
    }

    private static void ValidateSilo(SiloAddress silo, string parameterName)
    {
        if (string.IsNullOrEmpty(silo.Host))
        {
            throw new ArgumentException("A silo address needs a host.", parameterName);
        }
    }
}
