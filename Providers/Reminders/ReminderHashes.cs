using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using static Actors.Providers.Tables.TableCommands;

namespace Actors.Providers.Reminders;

/// <summary>
/// Fills in the grain hash of rows the schema migration carried over from the first version's reminder table: SQL cannot
/// compute Orleans's hash, so those rows arrive with NULL, and range reads find none of them until this has run.
/// </summary>
internal static class ReminderHashes
{
    /// <summary>Hashes every row still without one, in the transaction, and commits; returns how many grains it hashed.</summary>
    /// <remarks>Idempotent: silos starting at once compute the same hashes, and the first to commit leaves the others nothing.</remarks>
    public static async Task<int> FillAsync(DbTransaction transaction, ILogger logger, CancellationToken cancellationToken)
    {
        var unhashed = new List<string>();
        await using (var select = Command(transaction, ReminderSql.SelectUnhashed))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unhashed.Add(reader.GetString(0));
            }
        }

        var filled = 0;
        foreach (var id in unhashed)
        {
            // The first runtime required a grain type; a row without one is no grain Orleans could call.
            if (!GrainId.TryParse(id, CultureInfo.InvariantCulture, out var grainId) || grainId.Type.IsDefault)
            {
                ReminderLog.UnreadableGrainId(logger, id);
                continue;
            }

            await using var update = Command(transaction, ReminderSql.SetHash);
            Add(update, "@grain_hash", (long)grainId.GetUniformHashCode());
            Add(update, "@grain_id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
            filled++;
        }

        await transaction.CommitAsync(CancellationToken.None);
        return filled;
    }
}
