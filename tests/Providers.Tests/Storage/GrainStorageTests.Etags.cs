using Orleans;
using Orleans.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class GrainStorageTests
{
    [Fact]
    public async Task Read_of_a_state_never_written_gives_a_new_state_no_etag_and_no_record()
    {
        var state = await ReadAsync(Grain("never"));

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Balance);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_then_read_round_trips_the_state_at_etag_1()
    {
        var grain = Grain("round-trip");
        var state = await ReadAsync(grain);
        state.State = new TestState { Balance = 42, Owner = "0xab", Tags = ["a", "b"], Nickname = "n" };

        await WriteAsync(grain, state);

        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        var read = await ReadAsync(grain);
        Assert.Equal(("1", true), (read.ETag, read.RecordExists));
        Assert.Equal((42L, "0xab", "n"), (read.State.Balance, read.State.Owner, read.State.Nickname));
        Assert.Equal(["a", "b"], read.State.Tags);
    }

    [Fact]
    public async Task Each_write_moves_the_etag_on_by_one()
    {
        var grain = Grain("versions");
        var state = await ReadAsync(grain);
        var etags = new List<string?>();
        for (var i = 1; i <= 3; i++)
        {
            state.State.Balance = i;
            await WriteAsync(grain, state);
            etags.Add(state.ETag);
        }

        Assert.Equal(["1", "2", "3"], etags);
        Assert.Equal("3", (await ReadAsync(grain)).ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_InconsistentStateException_with_both_etags_and_changes_nothing()
    {
        var grain = Grain("stale");
        var first = await ReadAsync(grain);
        await WriteAsync(grain, first);
        var second = Copy(first, balance: 5);
        first.State.Balance = 7;
        await WriteAsync(grain, first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, second));

        Assert.Equal(("2", "1"), (error.StoredEtag, error.CurrentEtag));
        Assert.Contains(grain.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal("1", second.ETag);
        var stored = await ReadAsync(grain);
        Assert.Equal(("2", 7L), (stored.ETag, stored.State.Balance));
    }

    [Fact]
    public async Task A_write_without_an_etag_over_an_existing_record_throws_InconsistentStateException()
    {
        var grain = Grain("no-etag");
        var first = await ReadAsync(grain);
        var second = Copy(first, balance: 9);
        await WriteAsync(grain, first);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, second));

        Assert.Equal(("1", null), (error.StoredEtag, error.CurrentEtag));
        Assert.Equal(0, (await ReadAsync(grain)).State.Balance);
    }

    [Fact]
    public async Task An_etag_this_storage_never_gave_out_is_refused_and_nothing_is_written()
    {
        var grain = Grain("foreign-etag");
        var state = new TestGrainState(new TestState { Balance = 1 }, "W/\"0x8D\"");

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, state));

        Assert.Equal("W/\"0x8D\"", error.CurrentEtag);
        Assert.Null((await ReadAsync(grain)).ETag);
    }

    [Fact]
    public async Task Clear_resets_the_state_and_leaves_a_tombstone_whose_etag_the_next_write_holds()
    {
        var grain = Grain("clear");
        var state = await ReadAsync(grain);
        state.State.Balance = 3;
        await WriteAsync(grain, state);

        await Storage.ClearStateAsync("state", grain, state, CancellationToken.None);

        Assert.Equal(("2", false, 0L), (state.ETag, state.RecordExists, state.State.Balance));
        var read = await ReadAsync(grain);
        Assert.Equal(("2", false, 0L), (read.ETag, read.RecordExists, read.State.Balance));
        Assert.Null((await Store.ReadAsync(KeyOf(grain), CancellationToken.None))?.Data);
        read.State.Balance = 4;
        await WriteAsync(grain, read);
        Assert.Equal(("3", 4L), ((await ReadAsync(grain)).ETag, (await ReadAsync(grain)).State.Balance));
    }

    [Fact]
    public async Task Writers_from_before_a_clear_and_a_re_create_can_never_win()
    {
        var grain = Grain("aba");
        var beforeCreate = await ReadAsync(grain);
        var owner = Copy(beforeCreate, balance: 1);
        await WriteAsync(grain, owner);
        var beforeClear = Copy(owner, balance: 66);

        await Storage.ClearStateAsync("state", grain, owner, CancellationToken.None);
        owner.State.Balance = 2;
        await WriteAsync(grain, owner);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, beforeClear));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(grain, beforeCreate));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync("state", grain, beforeClear, CancellationToken.None));
        var stored = await ReadAsync(grain);
        Assert.Equal(("3", 2L), (stored.ETag, stored.State.Balance));
    }
}
