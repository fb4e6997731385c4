using System.Data.Common;
using System.Globalization;
using static Actors.Runtime.Membership.Sql.MembershipRows;

namespace Actors.Runtime.Membership.Sql;

// The body of each operation, inside its transaction. Commits are not cancellable: once a commit is sent its outcome is
// reported, so a caller never mistakes a won compare-and-swap for a lost one.
internal sealed partial class SqlMembershipTable
{
    private async Task<MembershipSnapshot> ReadAsync(DbTransaction transaction, string clusterId, CancellationToken cancellationToken)
    {
        long now, version;
        await using (var command = Command(transaction, sql.SelectNowAndVersion, clusterId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            now = reader.GetInt64(0);
            version = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        }

        var entries = new List<VersionedMembershipEntry>();
        await using (var command = Command(transaction, sql.SelectRows, clusterId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(CancellationToken.None);
        return new MembershipSnapshot(version, now, entries);
    }

    private async Task<bool> TryInsertAsync(
        DbTransaction transaction, string clusterId, MembershipEntry entry, long tableVersion, CancellationToken cancellationToken)
    {
        // A cluster without a version row is at version 0; only an insert expecting 0 can need the row.
        if (tableVersion == 0)
        {
            await using var create = Command(transaction, sql.CreateVersion, clusterId);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!await TryBumpVersionAsync(transaction, clusterId, tableVersion, cancellationToken))
        {
            return false;
        }

        await using var insert = Command(transaction, sql.InsertRow, clusterId);
        AddEntry(insert, entry);
        return await CommitIfOneRowAsync(transaction, await insert.ExecuteNonQueryAsync(cancellationToken));
    }

    private async Task<bool> TryUpdateAsync(
        DbTransaction transaction, string clusterId, MembershipEntry entry, long rowVersion, long tableVersion, CancellationToken cancellationToken)
    {
        if (!await TryBumpVersionAsync(transaction, clusterId, tableVersion, cancellationToken))
        {
            return false;
        }

        await using var update = Command(transaction, sql.UpdateRow, clusterId);
        AddEntry(update, entry);
        Add(update, "@row_version", rowVersion);
        return await CommitIfOneRowAsync(transaction, await update.ExecuteNonQueryAsync(cancellationToken));
    }

    private async Task<long?> HeartbeatAsync(DbTransaction transaction, string clusterId, SiloAddress silo, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql.Heartbeat, clusterId);
        AddSilo(command, silo);
        Add(command, "@dead", SiloStatusNames.Dead);
        var heartbeatAt = await command.ExecuteScalarAsync(cancellationToken);
        if (heartbeatAt is null or DBNull)
        {
            return null;
        }

        await transaction.CommitAsync(CancellationToken.None);
        return Convert.ToInt64(heartbeatAt, CultureInfo.InvariantCulture);
    }

    private async Task<int> DeleteDeadAsync(DbTransaction transaction, string clusterId, long olderThan, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, sql.DeleteDead, clusterId);
        Add(command, "@dead", SiloStatusNames.Dead);
        Add(command, "@older_than", olderThan);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return deleted;
    }

    private async Task<bool> TryBumpVersionAsync(DbTransaction transaction, string clusterId, long tableVersion, CancellationToken cancellationToken)
    {
        await using var bump = Command(transaction, sql.BumpVersion, clusterId);
        Add(bump, "@version", tableVersion);
        return await bump.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> CommitIfOneRowAsync(DbTransaction transaction, int rowsAffected)
    {
        if (rowsAffected != 1)
        {
            return false;
        }

        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }
}
