using Actors.Runtime.Reminders.Postgres;
using Actors.Runtime.Reminders.Sqlite;
using Actors.Runtime.Storage;
using Actors.Runtime.Storage.Postgres;
using Actors.Runtime.Storage.Sqlite;

namespace Actors.Runtime.Reminders;

/// <summary>Builds the reminder table on the same provider and database as grain storage.</summary>
public static class ReminderTableFactory
{
    /// <summary>Creates the table for <see cref="StorageOptions.Provider"/>; the caller owns it (dispose it if it is disposable).</summary>
    public static IReminderTable Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.ToLowerInvariant() switch
        {
            "postgres" => new PostgresReminderTable(new PostgresStorageOptions { ConnectionString = options.ConnectionString! }),
            "memory" => new MemoryReminderTable(),
            _ => new SqliteReminderTable(SqliteStorageOptions.InFolder(options.Path)),
        };
    }
}
