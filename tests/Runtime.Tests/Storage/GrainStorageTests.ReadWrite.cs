using Actors.Runtime.Storage;

namespace Actors.Runtime.Tests.Storage;

public abstract partial class GrainStorageTests
{
    [Fact]
    public async Task Read_of_a_record_never_written_is_null()
    {
        Assert.Null(await ReadAsync(Grain("nothing")));
    }

    [Fact]
    public async Task Insert_then_read_returns_the_data_at_version_1()
    {
        var grain = Grain("insert");
        await CommitAsync(Write(grain, Bytes(1, 2, 3), expectedVersion: 0));

        var stored = await ReadAsync(grain);
        Assert.NotNull(stored);
        Assert.Equal(Bytes(1, 2, 3), stored.Data);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Update_with_the_current_version_commits_and_adds_one_to_the_version()
    {
        var grain = Grain("update");
        await CommitAsync(Write(grain, Bytes(1), 0));
        var update = Write(grain, Bytes(2), 1);
        await CommitAsync(update);

        Assert.Equal(2, update.NewVersion);
        await AssertStoredAsync(grain, Bytes(2), 2);
    }

    [Fact]
    public async Task Update_with_a_stale_version_conflicts_and_leaves_the_record_unchanged()
    {
        var grain = Grain("stale");
        await CommitAsync(Write(grain, Bytes(1), 0));
        await CommitAsync(Write(grain, Bytes(2), 1));

        var stale = Write(grain, Bytes(9), 1);
        await WriteAsync(stale);

        Assert.Equal(StateWriteOutcome.Conflict, stale.Outcome);
        await AssertStoredAsync(grain, Bytes(2), 2);
    }

    [Fact]
    public async Task Update_of_a_record_never_written_conflicts_and_creates_nothing()
    {
        var grain = Grain("phantom");
        var update = Write(grain, Bytes(1), 3);
        await WriteAsync(update);

        Assert.Equal(StateWriteOutcome.Conflict, update.Outcome);
        Assert.Null(await ReadAsync(grain));
    }

    [Fact]
    public async Task Insert_when_the_record_exists_conflicts()
    {
        var grain = Grain("twice");
        await CommitAsync(Write(grain, Bytes(1), 0));

        var second = Write(grain, Bytes(2), 0);
        await WriteAsync(second);

        Assert.Equal(StateWriteOutcome.Conflict, second.Outcome);
        await AssertStoredAsync(grain, Bytes(1), 1);
    }

    [Fact]
    public async Task Clear_keeps_a_tombstone_so_writers_of_older_versions_conflict()
    {
        var grain = Grain("clear");
        await CommitAsync(Write(grain, Bytes(1), 0));
        await CommitAsync(Write(grain, Bytes(2), 1));
        await CommitAsync(Write(grain, data: null, expectedVersion: 2));
        await AssertStoredAsync(grain, null, 3);

        // A writer that read version 2 before the clear, and one that read nothing before the first write: neither may win (no ABA).
        var beforeClear = Write(grain, Bytes(8), 2);
        var beforeCreate = Write(grain, Bytes(9), 0);
        await WriteAsync(beforeClear, beforeCreate);
        Assert.Equal(StateWriteOutcome.Conflict, beforeClear.Outcome);
        Assert.Equal(StateWriteOutcome.Conflict, beforeCreate.Outcome);

        await CommitAsync(Write(grain, Bytes(3), 3));
        await AssertStoredAsync(grain, Bytes(3), 4);
    }

    [Fact]
    public async Task Clear_of_a_record_never_written_stores_a_tombstone_at_version_1()
    {
        var grain = Grain("clear-new");
        await CommitAsync(Write(grain, data: null, expectedVersion: 0));

        await AssertStoredAsync(grain, null, 1);
        var insert = Write(grain, Bytes(1), 0);
        await WriteAsync(insert);
        Assert.Equal(StateWriteOutcome.Conflict, insert.Outcome);
    }

    [Fact]
    public async Task State_names_of_one_grain_are_separate_records()
    {
        var grain = Grain("names");
        await CommitAsync(Write(grain, Bytes(1), 0, "balance"), Write(grain, Bytes(2), 0, "profile"));
        await CommitAsync(Write(grain, Bytes(3), 1, "balance"));

        await AssertStoredAsync(grain, Bytes(3), 2, "balance");
        await AssertStoredAsync(grain, Bytes(2), 1, "profile");
    }

    [Fact]
    public async Task Keys_outside_ascii_round_trip()
    {
        var grain = GrainId.Create("test.grain", $"ключ-☃-𝄞-{_run}");
        await CommitAsync(Write(grain, Bytes(7), 0));

        await AssertStoredAsync(grain, Bytes(7), 1);
        Assert.Null(await ReadAsync(GrainId.Create("test.grain", $"ключ-☃-{_run}")));
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
        if (length >= 256)
        {
            for (var i = 0; i < 256; i++)
            {
                data[i] = (byte)i;
            }
        }

        var grain = Grain($"bytes-{length}");
        await CommitAsync(Write(grain, data, 0));

        var stored = await ReadAsync(grain);
        Assert.NotNull(stored?.Data);
        Assert.Equal(data, stored.Data);
    }

    [Fact]
    public async Task A_slice_of_a_larger_buffer_stores_only_the_slice()
    {
        var buffer = new byte[] { 9, 1, 2, 3, 9 };
        var grain = Grain("slice");
        await Storage.WriteBatchAsync([StateWrite.Put(grain, "state", buffer.AsMemory(1, 3), 0)], CancellationToken.None);

        Assert.Equal(Bytes(1, 2, 3), (await ReadAsync(grain))?.Data);
    }
}
