using System.Data.Common;
using System.Globalization;
using Actors.Providers.Tables;
using Actors.Providers.Storage;
using static Actors.Providers.Tables.TableCommands;

namespace Actors.Providers.Reminders;

/// <summary>Binds reminders to the parameters of <see cref="ReminderSql"/> and reads its rows back.</summary>
internal static class ReminderRows
{
    public static DbCommand KeyCommand(DbTransaction transaction, string sql, GrainId grainId, string reminderName)
    {
        var command = Command(transaction, sql);
        Add(command, "@grain_id", grainId.ToString());
        Add(command, "@reminder_name", reminderName);
        return command;
    }

    public static async Task<List<ReminderEntry>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Parses an etag this table handed out; anything else cannot match a row.</summary>
    public static bool TryParseEtag(string? etag, out long value) =>
        long.TryParse(etag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static string FormatEtag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    /// <exception cref="StorageUnavailableException">The row holds what no reminder can be.</exception>
    private static ReminderEntry Read(DbDataReader reader)
    {
        try
        {
            return new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = UnixMilliseconds.ToDateTime(reader.GetInt64(2)),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = FormatEtag(reader.GetInt64(4)),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            throw new StorageUnavailableException($"The reminder table holds a row that cannot be read: {ex.Message}", ex);
        }
    }
}
