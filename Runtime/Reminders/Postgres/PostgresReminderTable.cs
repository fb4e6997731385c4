using Actors.Runtime.Reminders.Sql;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Postgres;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Reminders.Postgres;

/// <summary>
/// The reminder table in PostgreSQL, usually the database <see cref="PostgresGrainStorage"/> uses, for clusters. Writes run at READ
/// COMMITTED: a compare-and-swap is an UPDATE (or INSERT ... ON CONFLICT DO NOTHING) whose condition PostgreSQL checks again against
/// the committed row once a concurrent writer finishes, so exactly one of two writers from one version wins.
/// </summary>
public sealed class PostgresReminderTable : SqlReminderTable, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;

    /// <summary>Creates the table; connections are opened on first use.</summary>
    /// <param name="options">The connection string of the database.</param>
    /// <param name="logger">Receives schema migration events; none when null.</param>
    public PostgresReminderTable(PostgresStorageOptions options, ILogger<PostgresReminderTable>? logger = null)
        : this(new PostgresDatabase(options), logger, SchemaMigrations.All)
    {
    }

    internal PostgresReminderTable(PostgresDatabase database, ILogger? logger, IReadOnlyList<Migration> migrations)
        : base(database, database.MigrateAsync, migrations, logger) => _database = database;

    /// <inheritdoc />
    public override string Name => "postgres";

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => _database.Dispose();
}
