using Actors.Providers.Schema;

namespace Actors.Providers.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    private const long FirstTickAt = 1_767_225_600_123;

    [Fact]
    public async Task Reminders_of_the_first_version_are_carried_over_and_readable_by_grain_and_by_range()
    {
        await using var old = await FirstVersionStoreAsync();
        var table = Open(old);

        await table.StartAsync();

        var oneShot = await table.ReadRow(GrainId.Create("recovery-request", "r-1"), "finalize");
        AssertSameReminder(
            new ReminderEntry
            {
                GrainId = GrainId.Create("recovery-request", "r-1"),
                ReminderName = "finalize",
                StartAt = DateTimeOffset.FromUnixTimeMilliseconds(FirstTickAt).UtcDateTime,
                Period = TimeSpan.FromMinutes(1),
            },
            "42",
            oneShot);
        var periodic = Assert.Single((await table.ReadRows(GrainId.Create("reward-pool", "pool/a"))).Reminders);
        Assert.Equal(TimeSpan.FromHours(1), periodic.Period);
        Assert.Equal(2, (await table.ReadRows(0, 0)).Reminders.Count);
        var hash = periodic.GrainId.GetUniformHashCode();
        Assert.Equal(periodic.GrainId, Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders).GrainId);
        Assert.Equal(0, await old.ScalarAsync("SELECT COUNT(*) FROM orleans_reminders WHERE grain_hash IS NULL"));
        Assert.True(await table.RemoveRow(oneShot!.GrainId, "finalize", "42"));
    }

    [Fact]
    public async Task Silos_starting_at_once_on_a_first_version_database_all_start_and_hash_each_row_once()
    {
        await using var old = await FirstVersionStoreAsync();
        var tables = Enumerable.Range(0, 4).Select(_ => Open(old)).ToArray();

        await Task.WhenAll(tables.Select(t => Task.Run(() => t.StartAsync())));

        Assert.Equal(SchemaMigrations.All.Count, await old.ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(2, await old.ScalarAsync("SELECT COUNT(*) FROM orleans_reminders WHERE grain_hash IS NOT NULL"));
        Assert.Equal(2, (await tables[3].ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task A_carried_over_row_whose_grain_id_Orleans_cannot_read_is_left_and_does_not_stop_the_start()
    {
        await using var old = await FirstVersionStoreAsync();
        await old.ExecuteAsync("INSERT INTO reminders VALUES ('', '', 'broken', 0, 1000, -1, 7)");
        var table = Open(old);

        await table.StartAsync();

        Assert.Equal(2, (await table.ReadRows(0, 0)).Reminders.Count);
    }

    /// <summary>A database migrated as the first version left it (schema version 3), with two rows in its reminder table.</summary>
    private async Task<Membership.Stores.TestStore> FirstVersionStoreAsync()
    {
        var old = await CreateStoreAsync();
        await old.MigrateToAsync(3);
        await old.ExecuteAsync($"""
            INSERT INTO reminders (grain_type, grain_key, reminder_name, first_tick_at, period_ms, last_tick, version)
            VALUES ('recovery-request', 'r-1', 'finalize', {FirstTickAt}, 0, -1, 42),
                   ('reward-pool', 'pool/a', 'accrue', {FirstTickAt}, 3600000, 5, 43)
            """);
        return old;
    }
}
