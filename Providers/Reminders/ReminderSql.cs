namespace Actors.Providers.Reminders;

/// <summary>The reminder statements, one text for PostgreSQL and SQLite.</summary>
internal static class ReminderSql
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ms, etag";

    private const string Key = "grain_id = @grain_id AND reminder_name = @reminder_name";

    public const string SelectRow = $"SELECT {Columns} FROM orleans_reminders WHERE {Key}";

    public const string SelectGrain = $"SELECT {Columns} FROM orleans_reminders WHERE grain_id = @grain_id";

    /// <summary>Orleans's range (begin, end] of grain hashes, when begin is below end.</summary>
    public const string SelectRange = $"SELECT {Columns} FROM orleans_reminders WHERE grain_hash > @begin AND grain_hash <= @end";

    /// <summary>The range that wraps around the ring (begin at or above end): above begin, or up to end.</summary>
    public const string SelectWrappedRange = $"SELECT {Columns} FROM orleans_reminders WHERE grain_hash > @begin OR grain_hash <= @end";

    /// <summary>Inserts the reminder, or replaces every column of the existing one; the new etag comes with the parameters.</summary>
    public const string Upsert = $"""
        INSERT INTO orleans_reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag)
        VALUES (@grain_id, @reminder_name, @grain_hash, @start_at, @period_ms, @etag)
        ON CONFLICT (grain_id, reminder_name) DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at,
            period_ms = excluded.period_ms, etag = excluded.etag
        """;

    public const string Delete = $"DELETE FROM orleans_reminders WHERE {Key} AND etag = @etag";

    public const string DeleteAll = "DELETE FROM orleans_reminders";

    public const string SelectUnhashed = "SELECT DISTINCT grain_id FROM orleans_reminders WHERE grain_hash IS NULL";

    public const string SetHash = "UPDATE orleans_reminders SET grain_hash = @grain_hash WHERE grain_id = @grain_id AND grain_hash IS NULL";
}
