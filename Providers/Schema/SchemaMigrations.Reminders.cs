namespace Actors.Providers.Schema;

internal static partial class SchemaMigrations
{
    // Orleans's default ReminderOptions.MinimumReminderPeriod: what an old one-shot reminder (period 0) becomes.
    private const string CarriedOneShotPeriodMs = "60000";

    /// <summary>
    /// The Orleans reminder table (version 5 onwards): one row per (grain id, reminder name), the grain id as Orleans prints it
    /// ("type/key"), grain_hash its GrainId.GetUniformHashCode() (0 to 2^32-1, indexed for the silos' range reads), times in
    /// Unix milliseconds, etag a random 64-bit number replaced on every write.
    /// </summary>
    /// <remarks>
    /// The rows of the first runtime's <c>reminders</c> table (version 3) are copied in: their grain id is "grain_type/grain_key",
    /// and since SQL cannot compute Orleans's hash, grain_hash stays NULL until the reminder table fills it in at start
    /// (<c>ReminderHashes</c>), before the reminder service reads any range. A one-shot reminder (period 0) gets Orleans's
    /// minimum period of one minute: the grain unregisters it when its tick is done. The old table is left as it was.
    /// </remarks>
    private static IReadOnlyList<Migration> Reminders =>
    [
        new(5, "orleans_reminders",
            PostgresSql: $"""
                CREATE TABLE orleans_reminders (
                    grain_id text NOT NULL,
                    reminder_name text NOT NULL,
                    grain_hash bigint NULL,
                    start_at bigint NOT NULL,
                    period_ms bigint NOT NULL,
                    etag bigint NOT NULL,
                    PRIMARY KEY (grain_id, reminder_name)
                );
                CREATE INDEX orleans_reminders_grain_hash ON orleans_reminders (grain_hash);
                {CarryOverSql}
                """,
            SqliteSql: $"""
                CREATE TABLE orleans_reminders (
                    grain_id TEXT NOT NULL,
                    reminder_name TEXT NOT NULL,
                    grain_hash INTEGER NULL,
                    start_at INTEGER NOT NULL,
                    period_ms INTEGER NOT NULL,
                    etag INTEGER NOT NULL,
                    PRIMARY KEY (grain_id, reminder_name)
                );
                CREATE INDEX orleans_reminders_grain_hash ON orleans_reminders (grain_hash);
                {CarryOverSql}
                """),
    ];

    private static string CarryOverSql => $"""
        INSERT INTO orleans_reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag)
        SELECT grain_type || '/' || grain_key, reminder_name, NULL, first_tick_at,
            CASE WHEN period_ms > 0 THEN period_ms ELSE {CarriedOneShotPeriodMs} END, version
        FROM reminders;
        """;
}
