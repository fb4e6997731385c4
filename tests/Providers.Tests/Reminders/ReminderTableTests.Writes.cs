using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    [Fact]
    public async Task UpsertRow_stores_the_reminder_and_returns_the_etag_ReadRow_reports()
    {
        var entry = Entry(Grain("a"));

        var etag = await Table.UpsertRow(entry);

        Assert.False(string.IsNullOrEmpty(etag));
        AssertSameReminder(entry, etag, await Table.ReadRow(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task UpsertRow_of_an_existing_reminder_replaces_it_under_a_new_etag()
    {
        var first = Entry(Grain("a"));
        var firstEtag = await Table.UpsertRow(first);
        var second = Entry(Grain("a"), period: TimeSpan.FromHours(1));
        second.StartAt = T0.AddDays(1);

        var secondEtag = await Table.UpsertRow(second);

        Assert.NotEqual(firstEtag, secondEtag);
        AssertSameReminder(second, secondEtag!, await Table.ReadRow(second.GrainId, second.ReminderName));
        Assert.Single((await Table.ReadRows(second.GrainId)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_with_the_current_etag_removes_the_reminder()
    {
        var entry = Entry(Grain("a"));
        var etag = await Table.UpsertRow(entry);

        Assert.True(await Table.RemoveRow(entry.GrainId, entry.ReminderName, etag!));

        Assert.Null(await Table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.False(await Table.RemoveRow(entry.GrainId, entry.ReminderName, etag!));
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("")]
    [InlineData("not-a-number")]
    public async Task RemoveRow_with_another_etag_returns_false_and_keeps_the_reminder(string which)
    {
        var entry = Entry(Grain("a"));
        var stale = await Table.UpsertRow(entry);
        var current = await Table.UpsertRow(entry);

        Assert.False(await Table.RemoveRow(entry.GrainId, entry.ReminderName, which == "stale" ? stale! : which));

        AssertSameReminder(entry, current!, await Table.ReadRow(entry.GrainId, entry.ReminderName));
    }

    [Fact]
    public async Task TestOnlyClearTable_removes_every_reminder()
    {
        await Table.UpsertRow(Entry(Grain("a")));
        await Table.UpsertRow(Entry(Grain("b")));

        await Table.TestOnlyClearTable();

        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_reminder_all_succeed_and_the_last_etag_is_one_of_theirs()
    {
        var tables = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();
        var entry = Entry(Grain("a"));

        var etags = await Task.WhenAll(tables.SelectMany(t => Enumerable.Range(0, 5).Select(_ => Task.Run(() => t.UpsertRow(entry)))));

        Assert.Equal(etags.Length, etags.Distinct().Count());
        Assert.Contains((await Table.ReadRow(entry.GrainId, entry.ReminderName))!.ETag, etags);
    }

    [Fact]
    public async Task Arguments_the_table_cannot_store_are_refused_before_the_database()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Table.UpsertRow(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertRow(Entry(default)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.UpsertRow(Entry(Grain("a"), name: "")));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Table.UpsertRow(Entry(Grain("a"), period: TimeSpan.FromSeconds(-1))));
        await Assert.ThrowsAsync<ArgumentException>(() => Table.ReadRows(default(GrainId)));
        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_fails_the_read_with_StorageUnavailableException()
    {
        await Table.UpsertRow(Entry(Grain("a")));
        await Store.ExecuteAsync("UPDATE orleans_reminders SET start_at = 999999999999999999");

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Table.ReadRows(Grain("a")));
    }
}
