using System.Data.Common;
using System.Globalization;
using Actors.Providers.Tables;
using static Actors.Providers.Membership.MembershipRows;
using static Actors.Providers.Tables.TableCommands;

namespace Actors.Providers.Membership;

// The body of each operation, inside its transaction. A lost compare-and-swap returns with the transaction still open, and its
// disposal rolls back what the operation did before (a version bump, a created version row).
internal sealed partial class SqlMembershipTable
{
    // What a read reports while the cluster has no version row; CreateVersion writes the same values.
    private static readonly TableVersion s_missingVersion = new(0, "0");

    private async Task<bool> CreateVersionAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = ClusterCommand(transaction, _sql.CreateVersion, _clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task<MembershipTableData> ReadAsync(DbTransaction transaction, SiloAddress? silo, CancellationToken cancellationToken)
    {
        var version = s_missingVersion;
        await using (var command = ClusterCommand(transaction, _sql.SelectVersion, _clusterId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                version = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            }
        }

        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var command = ClusterCommand(transaction, silo is null ? _sql.SelectRows : _sql.SelectRow, _clusterId))
        {
            if (silo is not null)
            {
                AddSilo(command, silo);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return silo is null ? new MembershipTableData(rows, version)
            : rows.Count == 0 ? new MembershipTableData(version)
            : new MembershipTableData(rows[0], version);
    }

    private async Task<bool> InsertAsync(
        DbTransaction transaction, MembershipEntry entry, int version, long versionEtag, CancellationToken cancellationToken)
    {
        // Etag 0 is what a read of a cluster without a version row reports: the row may need creating first.
        if (versionEtag == 0)
        {
            await using var create = ClusterCommand(transaction, _sql.CreateVersion, _clusterId);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!await TryBumpVersionAsync(transaction, version, versionEtag, cancellationToken))
        {
            return false;
        }

        await using var insert = ClusterCommand(transaction, _sql.InsertRow, _clusterId);
        AddEntry(insert, entry);
        return await CommitIfOneRowAsync(transaction, await insert.ExecuteNonQueryAsync(cancellationToken));
    }

    private async Task<bool> UpdateAsync(
        DbTransaction transaction, MembershipEntry entry, long rowEtag, int version, long versionEtag, CancellationToken cancellationToken)
    {
        if (!await TryBumpVersionAsync(transaction, version, versionEtag, cancellationToken))
        {
            return false;
        }

        await using var update = ClusterCommand(transaction, _sql.UpdateRow, _clusterId);
        AddEntry(update, entry);
        Add(update, "@row_etag", rowEtag);
        return await CommitIfOneRowAsync(transaction, await update.ExecuteNonQueryAsync(cancellationToken));
    }

    private async Task<bool> HeartbeatAsync(DbTransaction transaction, MembershipEntry entry, CancellationToken cancellationToken)
    {
        await using var command = ClusterCommand(transaction, _sql.UpdateIAmAlive, _clusterId);
        AddSilo(command, entry.SiloAddress);
        Add(command, "@i_am_alive_time", UnixMilliseconds.From(entry.IAmAliveTime));
        // A silo whose row is gone has nothing to update; Orleans finds out from its next read of the table.
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task<int> DeleteDefunctAsync(DbTransaction transaction, DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var command = ClusterCommand(transaction, _sql.DeleteDefunct, _clusterId);
        Add(command, "@active", (int)SiloStatus.Active);
        Add(command, "@before", beforeDate.ToUnixTimeMilliseconds());
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return deleted;
    }

    private async Task<bool> DeleteClusterAsync(DbTransaction transaction, string clusterId, CancellationToken cancellationToken)
    {
        // The version row first, in the order writers take rows, so that a concurrent writer cannot deadlock with this.
        foreach (var sql in new[] { _sql.DeleteClusterVersion, _sql.DeleteClusterRows })
        {
            await using var command = ClusterCommand(transaction, sql, clusterId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private async Task<bool> TryBumpVersionAsync(
        DbTransaction transaction, int version, long versionEtag, CancellationToken cancellationToken)
    {
        await using var bump = ClusterCommand(transaction, _sql.BumpVersion, _clusterId);
        Add(bump, "@version", version);
        Add(bump, "@etag", versionEtag);
        return await bump.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
