using Actors.Runtime.Reminders;

namespace Actors.Runtime.Tests.Reminders;

public abstract partial class ReminderTableTests
{
    [Fact]
    public async Task A_grain_read_returns_only_that_grains_reminders_ordered_by_name()
    {
        await InsertedAsync(Entry(name: "b"));
        await InsertedAsync(Entry(name: "a"));
        await InsertedAsync(Entry(name: "c", key: "g2"));
        await InsertedAsync(Entry(name: "d", type: "other"));

        var rows = await Table.ReadAsync(Grain(), CancellationToken.None);

        Assert.Equal(["a", "b"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(Grain(), r.GrainId));
        Assert.Equal(["d"], (await Table.ReadAsync(Grain(type: "other"), CancellationToken.None)).Select(r => r.Name));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Pages_read_every_row_once_in_key_order(int pageSize)
    {
        var keys = new[] { ("alpha", "k1", "n1"), ("alpha", "k1", "n2"), ("alpha", "k2", "n1"), ("beta", "k0", "z"), ("beta", "k1", "a"), ("gamma", "k", "m"), ("gamma", "k", "n") };
        foreach (var (type, key, name) in keys.Reverse())
        {
            await InsertedAsync(Entry(name: name, key: key, type: type));
        }

        var rows = await ScanAsync(pageSize);

        Assert.Equal(keys.Select(k => Key(k.Item3, k.Item2, k.Item1)), rows.Select(r => r.Key));
        Assert.Empty(await Table.ReadPageAsync(rows[^1].Key, pageSize, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_after_a_key_that_no_longer_exists_continues_after_it()
    {
        await InsertedAsync(Entry(name: "a"));
        var gone = await InsertedAsync(Entry(name: "b"));
        await InsertedAsync(Entry(name: "c"));
        Assert.True(await Table.TryDeleteAsync(Key("b"), gone, CancellationToken.None));

        var page = await Table.ReadPageAsync(Key("b"), 10, CancellationToken.None);

        Assert.Equal(["c"], page.Select(r => r.Name));
    }
}
