namespace Actors.Providers.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    private const int RangeGrains = 40;

    [Fact]
    public async Task ReadRow_of_a_reminder_never_registered_is_null()
    {
        await Table.UpsertRow(Entry(Grain("a"), name: "other"));

        Assert.Null(await Table.ReadRow(Grain("a"), "tick"));
        Assert.Null(await Table.ReadRow(Grain("b"), "other"));
    }

    [Fact]
    public async Task ReadRows_of_a_grain_gives_its_reminders_only()
    {
        await Table.UpsertRow(Entry(Grain("a"), name: "one"));
        await Table.UpsertRow(Entry(Grain("a"), name: "two"));
        await Table.UpsertRow(Entry(Grain("b"), name: "one"));

        var rows = (await Table.ReadRows(Grain("a"))).Reminders;

        Assert.Equal(["one", "two"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(Grain("a"), r.GrainId));
        Assert.Empty((await Table.ReadRows(Grain("c"))).Reminders);
    }

    [Fact]
    public async Task A_range_read_gives_the_hashes_above_begin_up_to_and_including_end()
    {
        var hashes = await RegisterRangeGrainsAsync();
        var (begin, end) = (hashes[5], hashes[25]);

        var read = await RangeAsync(begin, end);

        Assert.Equal(hashes.Where(h => h > begin && h <= end), read);
        Assert.Equal(20, read.Count);
    }

    [Fact]
    public async Task A_range_read_whose_begin_is_above_its_end_wraps_around_the_ring()
    {
        var hashes = await RegisterRangeGrainsAsync();
        var (begin, end) = (hashes[30], hashes[10]);

        var read = await RangeAsync(begin, end);

        Assert.Equal(hashes.Where(h => h > begin || h <= end), read);
        Assert.Equal(RangeGrains - 30 + 10, read.Count);
    }

    [Fact]
    public async Task A_range_read_whose_begin_equals_its_end_gives_the_whole_ring()
    {
        var hashes = await RegisterRangeGrainsAsync();

        Assert.Equal(hashes, await RangeAsync(hashes[7], hashes[7]));
        Assert.Equal(hashes, await RangeAsync(0, 0));
        Assert.Equal(hashes.Where(h => h > 0), await RangeAsync(0, uint.MaxValue));
    }

    /// <summary>One reminder for each of <see cref="RangeGrains"/> grains; their hashes in order.</summary>
    private async Task<List<uint>> RegisterRangeGrainsAsync()
    {
        var grains = Enumerable.Range(0, RangeGrains).Select(i => Grain($"range-{i}")).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain));
        }

        // Both halves of the unsigned range, so that hashes above int.MaxValue are stored and compared as unsigned.
        Assert.Contains(grains, g => g.GetUniformHashCode() > int.MaxValue);
        Assert.Contains(grains, g => g.GetUniformHashCode() < int.MaxValue);
        return [.. grains.Select(g => g.GetUniformHashCode()).Order()];
    }

    private async Task<List<uint>> RangeAsync(uint begin, uint end) =>
        [.. (await Table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order()];
}
