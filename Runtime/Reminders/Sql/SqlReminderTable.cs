using System.Data.Common;
using Actors.Runtime.Storage.Migrations;
using Actors.Runtime.Storage.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Actors.Runtime.Storage.Sql.SqlCommands;

namespace Actors.Runtime.Reminders.Sql;

/// <summary>
/// The operations of <see cref="IReminderTable"/> over ADO.NET, shared by the SQLite and PostgreSQL tables, which supply the
/// database. Every operation is one statement in one transaction; a write commits only when it changed a row, and a commit is
/// not cancellable, so a caller never mistakes a won compare-and-swap for a lost one.
/// </summary>
public abstract class SqlReminderTable : IReminderTable
{
    private readonly ISqlDatabase _database;
    private readonly Func<IReadOnlyList<Migration>, ILogger, CancellationToken, Task> _migrate;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly ILogger _logger;

    private protected SqlReminderTable(
        ISqlDatabase database,
        Func<IReadOnlyList<Migration>, ILogger, CancellationToken, Task> migrate,
        IReadOnlyList<Migration> migrations,
        ILogger? logger)
    {
        _database = database;
        _migrate = migrate;
        _migrations = migrations;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => _migrate(_migrations, _logger, cancellationToken);

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadAsync(ReminderKey key, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        return _database.RunAsync(write: false, "read a reminder from", async transaction =>
        {
            await using var command = KeyCommand(transaction, ReminderSql.SelectOne, key);
            var rows = await ReadRowsAsync(command, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateGrain(grainId);
        return _database.RunAsync(write: false, "read reminders from", async transaction =>
        {
            await using var command = Command(transaction, ReminderSql.SelectGrain);
            AddGrain(command, grainId);
            return await ReadRowsAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadPageAsync(ReminderKey? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (after is { } start)
        {
            ReminderArguments.ValidateKey(start, nameof(after));
        }

        return _database.RunAsync(write: false, "read reminders from", async transaction =>
        {
            await using var command = after is { } previous
                ? KeyCommand(transaction, ReminderSql.SelectNextPage, previous)
                : Command(transaction, ReminderSql.SelectFirstPage);
            Add(command, "@limit", (long)limit);
            return await ReadRowsAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> TryUpsertAsync(ReminderEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateEntry(entry);
        var newVersion = expectedVersion == 0 ? ReminderVersions.New() : expectedVersion + 1;
        return _database.RunAsync(write: true, "write a reminder to", async transaction =>
        {
            await using var command = KeyCommand(transaction, expectedVersion == 0 ? ReminderSql.Insert : ReminderSql.Update, entry.Key);
            Add(command, "@first_tick_at", entry.FirstTickAt);
            Add(command, "@period_ms", entry.PeriodMs);
            Add(command, "@last_tick", entry.LastTick);
            return await CommitVersionAsync(transaction, command, expectedVersion, newVersion, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> TryAdvanceAsync(ReminderKey key, long lastTick, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        ReminderArguments.ValidateTick(lastTick);
        return _database.RunAsync(write: true, "advance a reminder in", async transaction =>
        {
            await using var command = KeyCommand(transaction, ReminderSql.Advance, key);
            Add(command, "@last_tick", lastTick);
            return await CommitVersionAsync(transaction, command, expectedVersion, expectedVersion + 1, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryDeleteAsync(ReminderKey key, long expectedVersion, CancellationToken cancellationToken)
    {
        ReminderArguments.ValidateKey(key);
        return _database.RunAsync(write: true, "delete a reminder from", async transaction =>
        {
            await using var command = KeyCommand(transaction, ReminderSql.Delete, key);
            Add(command, "@version", expectedVersion);
            return await CommitIfOneRowAsync(transaction, command, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<long?> CommitVersionAsync(
        DbTransaction transaction, DbCommand command, long expectedVersion, long newVersion, CancellationToken cancellationToken)
    {
        Add(command, "@version", expectedVersion);
        Add(command, "@new_version", newVersion);
        return await CommitIfOneRowAsync(transaction, command, cancellationToken) ? newVersion : null;
    }

    private static async Task<bool> CommitIfOneRowAsync(DbTransaction transaction, DbCommand command, CancellationToken cancellationToken)
    {
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private static DbCommand KeyCommand(DbTransaction transaction, string sql, ReminderKey key)
    {
        var command = Command(transaction, sql);
        AddGrain(command, key.GrainId);
        Add(command, "@name", key.Name);
        return command;
    }

    private static void AddGrain(DbCommand command, GrainId grainId)
    {
        Add(command, "@type", grainId.Type);
        Add(command, "@key", grainId.Key);
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <exception cref="StorageException">The row holds what no reminder can be.</exception>
    private static ReminderEntry Read(DbDataReader reader)
    {
        try
        {
            var entry = new ReminderEntry(
                GrainId.Create(reader.GetString(0), reader.GetString(1)),
                Name: reader.GetString(2),
                FirstTickAt: reader.GetInt64(3),
                PeriodMs: reader.GetInt64(4),
                LastTick: reader.GetInt64(5),
                Version: reader.GetInt64(6));
            ReminderArguments.ValidateEntry(entry);
            return entry;
        }
        catch (ArgumentException error)
        {
            throw new StorageException($"The reminder table holds a row that cannot be read: {error.Message}", error);
        }
    }
}
