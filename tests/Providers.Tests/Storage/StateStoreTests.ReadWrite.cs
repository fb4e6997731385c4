using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class StateStoreTests
{
    [Fact]
    public async Task Read_of_a_record_never_written_is_null()
    {
        Assert.Null(await ReadAsync(Key("nothing")));
    }

    [Fact]
    public async Task Insert_then_read_returns_the_data_at_version_1()
    {
        var key = Key("insert");
        await CommitAsync(Write(key, Bytes(1, 2, 3), expectedVersion: 0));

        await AssertStoredAsync(key, Bytes(1, 2, 3), 1);
    }

    [Fact]
    public async Task Update_with_the_current_version_commits_and_adds_one_to_the_version()
    {
        var key = Key("update");
        await CommitAsync(Write(key, Bytes(1), 0));
        var update = Write(key, Bytes(2), 1);
        await CommitAsync(update);

        Assert.Equal(2, update.NewVersion);
        await AssertStoredAsync(key, Bytes(2), 2);
    }

    [Fact]
    public async Task Update_with_a_stale_version_conflicts_and_leaves_the_record_unchanged()
    {
        var key = Key("stale");
        await CommitAsync(Write(key, Bytes(1), 0));
        await CommitAsync(Write(key, Bytes(2), 1));

        var stale = Write(key, Bytes(9), 1);
        await WriteAsync(stale);

        Assert.Equal(StateWriteOutcome.Conflict, stale.Outcome);
        await AssertStoredAsync(key, Bytes(2), 2);
    }

    [Fact]
    public async Task Update_of_a_record_never_written_conflicts_and_creates_nothing()
    {
        var key = Key("phantom");
        var update = Write(key, Bytes(1), 3);
        await WriteAsync(update);

        Assert.Equal(StateWriteOutcome.Conflict, update.Outcome);
        Assert.Null(await ReadAsync(key));
    }

    [Fact]
    public async Task Insert_when_the_record_exists_conflicts()
    {
        var key = Key("twice");
        await CommitAsync(Write(key, Bytes(1), 0));

        var second = Write(key, Bytes(2), 0);
        await WriteAsync(second);

        Assert.Equal(StateWriteOutcome.Conflict, second.Outcome);
        await AssertStoredAsync(key, Bytes(1), 1);
    }

    [Fact]
    public async Task Clear_keeps_a_tombstone_so_writers_of_older_versions_conflict()
    {
        var key = Key("clear");
        await CommitAsync(Write(key, Bytes(1), 0));
        await CommitAsync(Write(key, Bytes(2), 1));
        await CommitAsync(Write(key, data: null, expectedVersion: 2));
        await AssertStoredAsync(key, null, 3);

        // A writer that read version 2 before the clear, and one that read nothing before the first write: neither may win (no ABA).
        var beforeClear = Write(key, Bytes(8), 2);
        var beforeCreate = Write(key, Bytes(9), 0);
        await WriteAsync(beforeClear, beforeCreate);
        Assert.Equal(StateWriteOutcome.Conflict, beforeClear.Outcome);
        Assert.Equal(StateWriteOutcome.Conflict, beforeCreate.Outcome);

        await CommitAsync(Write(key, Bytes(3), 3));
        await AssertStoredAsync(key, Bytes(3), 4);
    }

    [Fact]
    public async Task Clear_of_a_record_never_written_stores_a_tombstone_at_version_1()
    {
        var key = Key("clear-new");
        await CommitAsync(Write(key, data: null, expectedVersion: 0));

        await AssertStoredAsync(key, null, 1);
        var insert = Write(key, Bytes(1), 0);
        await WriteAsync(insert);
        Assert.Equal(StateWriteOutcome.Conflict, insert.Outcome);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_separate_records()
    {
        var (balance, profile) = (Key("names", "balance"), Key("names", "profile"));
        await CommitAsync(Write(balance, Bytes(1), 0), Write(profile, Bytes(2), 0));
        await CommitAsync(Write(balance, Bytes(3), 1));

        await AssertStoredAsync(balance, Bytes(3), 2);
        await AssertStoredAsync(profile, Bytes(2), 1);
    }

    [Fact]
    public async Task Keys_outside_ascii_round_trip_and_stay_distinct()
    {
        var key = Key("ключ-☃-𝄞");
        await CommitAsync(Write(key, Bytes(7), 0));

        await AssertStoredAsync(key, Bytes(7), 1);
        Assert.Null(await ReadAsync(Key("ключ-☃")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(256)]
    [InlineData(1 << 20)]
    public async Task Binary_data_round_trips_exactly(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        for (var i = 0; i < Math.Min(length, 256); i++)
        {
            data[i] = (byte)i;
        }

        var key = Key($"bytes-{length}");
        await CommitAsync(Write(key, data, 0));

        var stored = await ReadAsync(key);
        Assert.NotNull(stored?.Data);
        Assert.Equal(data, stored.Data);
    }

    [Fact]
    public async Task A_slice_of_a_larger_buffer_stores_only_the_slice()
    {
        var buffer = new byte[] { 9, 1, 2, 3, 9 };
        var key = Key("slice");
        await CommitAsync(StateWrite.Put(key, buffer.AsMemory(1, 3), 0));

        Assert.Equal(Bytes(1, 2, 3), (await ReadAsync(key))?.Data);
    }
}
