using Actors.Providers.Tables;
using Microsoft.Extensions.Logging;
using static Actors.Providers.Tables.TableCommands;
using static Actors.Providers.Reminders.ReminderRows;

namespace Actors.Providers.Reminders;

/// <summary>
/// Orleans's reminder table on SQLite or PostgreSQL: one row per (grain id, reminder name), with the grain's uniform hash stored
/// and indexed, so that each silo reads the reminders of its ring range without scanning the table. Each call is one statement
/// in one transaction.
/// </summary>
/// <remarks>
/// An etag is a random 64-bit number, new on every write: a row removed and registered again never repeats an etag that a
/// stale caller may still hold. The table is not scoped by service id: one database serves one service.
/// </remarks>
internal sealed class SqlReminderTable(TableDatabase database, ILogger<SqlReminderTable> logger) : IReminderTable
{
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await database.MigrateAsync(logger, cancellationToken);
        var filled = await database.RunAsync(
            write: true, "fill in reminder hashes in", t => ReminderHashes.FillAsync(t, logger, cancellationToken), cancellationToken);
        if (filled > 0)
        {
            ReminderLog.HashesFilled(logger, filled);
        }

        ReminderLog.Initialized(logger, database.Store);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        ValidateGrain(grainId);
        return database.RunAsync(write: false, "read reminders from", async t =>
        {
            await using var command = Command(t, ReminderSql.SelectGrain);
            Add(command, "@grain_id", grainId.ToString());
            return new ReminderTableData(await ReadAllAsync(command, cancellationToken));
        }, cancellationToken);
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        database.RunAsync(write: false, "read reminders from", async t =>
        {
            // begin == end is the whole ring: the wrapped form then matches every hashed row.
            await using var command = Command(t, begin < end ? ReminderSql.SelectRange : ReminderSql.SelectWrappedRange);
            Add(command, "@begin", (long)begin);
            Add(command, "@end", (long)end);
            return new ReminderTableData(await ReadAllAsync(command, cancellationToken));
        }, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ValidateKey(grainId, reminderName);
        return database.RunAsync(write: false, "read a reminder from", async t =>
        {
            await using var command = KeyCommand(t, ReminderSql.SelectRow, grainId, reminderName);
            var rows = await ReadAllAsync(command, cancellationToken);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateKey(entry.GrainId, entry.ReminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero, nameof(entry));
        var etag = Random.Shared.NextInt64();
        return database.RunAsync<string?>(write: true, "write a reminder to", async t =>
        {
            await using var command = KeyCommand(t, ReminderSql.Upsert, entry.GrainId, entry.ReminderName);
            Add(command, "@grain_hash", (long)entry.GrainId.GetUniformHashCode());
            Add(command, "@start_at", UnixMilliseconds.From(entry.StartAt));
            Add(command, "@period_ms", (long)entry.Period.TotalMilliseconds);
            Add(command, "@etag", etag);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await t.CommitAsync(CancellationToken.None);
            return FormatEtag(etag);
        }, cancellationToken);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ValidateKey(grainId, reminderName);
        if (!TryParseEtag(eTag, out var etag))
        {
            return Task.FromResult(false);
        }

        return database.RunAsync(write: true, "remove a reminder from", async t =>
        {
            await using var command = KeyCommand(t, ReminderSql.Delete, grainId, reminderName);
            Add(command, "@etag", etag);
            return await CommitIfOneRowAsync(t, await command.ExecuteNonQueryAsync(cancellationToken));
        }, cancellationToken);
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        database.RunAsync(write: true, "clear the reminders of", async t =>
        {
            await using var command = Command(t, ReminderSql.DeleteAll);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await t.CommitAsync(CancellationToken.None);
            return true;
        }, cancellationToken);

    // Checked before any connection is opened, so that a bad argument is never reported as a storage failure.
    private static void ValidateGrain(GrainId grainId)
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("A reminder needs a grain id.", nameof(grainId));
        }
    }

    private static void ValidateKey(GrainId grainId, string reminderName)
    {
        ValidateGrain(grainId);
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
    }
}
