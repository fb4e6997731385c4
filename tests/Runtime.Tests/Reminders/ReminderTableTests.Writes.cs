using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    [Fact]
    public async Task A_missing_reminder_reads_as_null_and_an_empty_table_as_no_rows()
    {
        Assert.Null(await ReadAsync(Key()));
        Assert.Empty(await Table.ReadAsync(Grain(), CancellationToken.None));
        Assert.Empty(await Table.ReadPageAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Create_then_read_returns_every_field_at_the_returned_version()
    {
        var entry = Entry(firstTickAt: 1_234_567, periodMs: 1_000, lastTick: 41);

        var version = await InsertedAsync(entry);

        Assert.NotEqual(0, version);
        Assert.Equal(entry with { Version = version }, await ReadAsync(entry.Key));
    }

    [Fact]
    public async Task Create_of_a_reminder_that_exists_fails_and_changes_nothing()
    {
        var version = await InsertedAsync(Entry(periodMs: 1_000));

        Assert.Null(await Table.TryUpsertAsync(Entry(periodMs: 2_000), 0, CancellationToken.None));

        Assert.Equal(Entry(periodMs: 1_000) with { Version = version }, await ReadAsync(Key()));
    }

    [Fact]
    public async Task Update_at_the_read_version_replaces_the_schedule_and_adds_one_to_the_version()
    {
        var version = await InsertedAsync(Entry(periodMs: 1_000, lastTick: 7));

        var updated = await Table.TryUpsertAsync(Entry(firstTickAt: 5, periodMs: 0, lastTick: -1), version, CancellationToken.None);

        Assert.Equal(version + 1, updated);
        Assert.Equal(Entry(firstTickAt: 5, periodMs: 0, lastTick: -1) with { Version = version + 1 }, await ReadAsync(Key()));
    }

    [Fact]
    public async Task Update_at_a_stale_or_made_up_version_fails_and_changes_nothing()
    {
        var version = await InsertedAsync(Entry());
        Assert.NotNull(await Table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None));
        var before = await ReadAsync(Key());

        Assert.Null(await Table.TryUpsertAsync(Entry(periodMs: 5_000), version, CancellationToken.None));
        Assert.Null(await Table.TryUpsertAsync(Entry(periodMs: 5_000), version + 2, CancellationToken.None));
        Assert.Null(await Table.TryUpsertAsync(Entry(periodMs: 5_000, name: "other"), version, CancellationToken.None));

        Assert.Equal(before, await ReadAsync(Key()));
        Assert.Null(await ReadAsync(Key("other")));
    }

    [Fact]
    public async Task Advance_at_the_read_version_sets_the_last_tick_only()
    {
        var version = await InsertedAsync(Entry(firstTickAt: 1_000, periodMs: 500));

        var first = await Table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None);
        var second = await Table.TryAdvanceAsync(Key(), 1, version + 1, CancellationToken.None);

        Assert.Equal(version + 1, first);
        Assert.Equal(version + 2, second);
        Assert.Equal(Entry(firstTickAt: 1_000, periodMs: 500, lastTick: 1) with { Version = version + 2 }, await ReadAsync(Key()));
    }

    [Fact]
    public async Task Advance_at_a_stale_version_or_of_a_missing_row_fails_and_changes_nothing()
    {
        var version = await InsertedAsync(Entry());
        Assert.NotNull(await Table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None));

        Assert.Null(await Table.TryAdvanceAsync(Key(), 1, version, CancellationToken.None));
        Assert.Null(await Table.TryAdvanceAsync(Key("missing"), 0, version + 1, CancellationToken.None));

        Assert.Equal(Entry(lastTick: 0) with { Version = version + 1 }, await ReadAsync(Key()));
        Assert.Null(await ReadAsync(Key("missing")));
    }

    [Fact]
    public async Task Delete_at_the_read_version_removes_the_row_and_a_stale_delete_removes_nothing()
    {
        var version = await InsertedAsync(Entry());
        Assert.NotNull(await Table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None));

        Assert.False(await Table.TryDeleteAsync(Key(), version, CancellationToken.None));
        Assert.NotNull(await ReadAsync(Key()));

        Assert.True(await Table.TryDeleteAsync(Key(), version + 1, CancellationToken.None));
        Assert.Null(await ReadAsync(Key()));
        Assert.False(await Table.TryDeleteAsync(Key(), version + 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_row_deleted_and_created_again_never_comes_back_at_a_version_it_had()
    {
        var seen = new HashSet<long>();
        for (var i = 0; i < 5; i++)
        {
            var version = await InsertedAsync(Entry());
            Assert.True(seen.Add(version), $"version {version} came back");
            Assert.True(seen.Add(version + 1));
            Assert.NotNull(await Table.TryAdvanceAsync(Key(), 0, version, CancellationToken.None));

            // A writer still holding an old version loses against the new row.
            foreach (var old in seen.Where(v => v != version + 1))
            {
                Assert.Null(await Table.TryAdvanceAsync(Key(), 5, old, CancellationToken.None));
            }

            Assert.True(await Table.TryDeleteAsync(Key(), version + 1, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Unusual_names_and_extreme_values_round_trip_exactly()
    {
        ReminderEntry[] entries =
        [
            Entry(name: "quote ' \" and ; -- and ünïcode 🎉", firstTickAt: DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), periodMs: long.MaxValue),
            Entry(name: new string('x', 256), firstTickAt: DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), periodMs: 1, lastTick: long.MaxValue),
            Entry(name: "one-shot", key: "key with spaces/and:colons", periodMs: 0, lastTick: 0),
        ];

        foreach (var entry in entries)
        {
            var version = await InsertedAsync(entry);
            Assert.Equal(entry with { Version = version }, await ReadAsync(entry.Key));
        }
    }

    [Fact]
    public async Task Arguments_the_table_cannot_store_are_rejected()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(name: ""), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(name: "bell\a"), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(name: new string('x', 257)), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(name: "\ud800"), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(periodMs: -1), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(lastTick: -2), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(periodMs: 0, lastTick: 1), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryUpsertAsync(Entry(firstTickAt: long.MaxValue), 0, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryAdvanceAsync(Key(), -2, 1, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.TryDeleteAsync(new ReminderKey(default, "x"), 1, CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.ReadAsync(default(GrainId), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.ReadPageAsync(null, 0, CancellationToken.None));

        Assert.Empty(await Table.ReadPageAsync(null, 10, CancellationToken.None));
    }
}
