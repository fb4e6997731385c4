namespace Actors.Runtime.Reminders.Sql;

/// <summary>
/// The reminder statements, one text for PostgreSQL and SQLite: parameters are named <c>@name</c>, which Npgsql and
/// Microsoft.Data.Sqlite both accept, and row-value comparisons page through the primary key in both.
/// </summary>
internal static class ReminderSql
{
    private const string Columns = "grain_type, grain_key, reminder_name, first_tick_at, period_ms, last_tick, version";

    private const string Key = "grain_type = @type AND grain_key = @key AND reminder_name = @name";

    private const string Order = "ORDER BY grain_type, grain_key, reminder_name";

    public const string SelectOne = $"SELECT {Columns} FROM reminders WHERE {Key}";

    public const string SelectGrain = $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_key = @key ORDER BY reminder_name";

    public const string SelectFirstPage = $"SELECT {Columns} FROM reminders {Order} LIMIT @limit";

    public const string SelectNextPage =
        $"SELECT {Columns} FROM reminders WHERE (grain_type, grain_key, reminder_name) > (@type, @key, @name) {Order} LIMIT @limit";

    public const string Insert = $"""
        INSERT INTO reminders ({Columns}) VALUES (@type, @key, @name, @first_tick_at, @period_ms, @last_tick, @new_version)
        ON CONFLICT DO NOTHING
        """;

    public const string Update = $"""
        UPDATE reminders SET first_tick_at = @first_tick_at, period_ms = @period_ms, last_tick = @last_tick, version = @new_version
        WHERE {Key} AND version = @version
        """;

    public const string Advance = $"UPDATE reminders SET last_tick = @last_tick, version = @new_version WHERE {Key} AND version = @version";

    public const string Delete = $"DELETE FROM reminders WHERE {Key} AND version = @version";
}
