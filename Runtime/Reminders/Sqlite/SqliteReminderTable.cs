using Actors.Runtime.Reminders.Sql;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Reminders.Sqlite;

/// <summary>
/// The reminder table in a SQLite file, usually the one <see cref="SqliteGrainStorage"/> uses. Every write runs in a BEGIN
/// IMMEDIATE transaction, so silo processes sharing the file take turns and each compare-and-swap sees the last committed row.
/// Each call opens its own connection: a silo writes a reminder row once per tick, and a failed call leaves nothing open.
/// </summary>
public sealed class SqliteReminderTable : SqlReminderTable
{
    /// <summary>Creates the table; nothing is opened until the first call.</summary>
    /// <param name="options">Where the database file is, and how long to wait for other writers' locks.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    public SqliteReminderTable(SqliteStorageOptions options, ILogger<SqliteReminderTable>? logger = null)
        : this(new SqliteDatabase(options), logger, SchemaMigrations.All)
    {
    }

    internal SqliteReminderTable(SqliteDatabase database, ILogger? logger, IReadOnlyList<Migration> migrations)
        : base(database, database.MigrateAsync, migrations, logger)
    {
    }

    /// <inheritdoc />
    public override string Name => "sqlite";
}
