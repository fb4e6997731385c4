using Actors.Providers.Storage;
using Actors.Testing;
using Orleans.Runtime;

namespace Actors.Providers.Tests.Storage;

public sealed class FaultInjectingGrainStorageTests
{
    private readonly InMemoryGrainStorage _inner = new();
    private readonly FaultInjectingGrainStorage _storage;

    public FaultInjectingGrainStorageTests() => _storage = new FaultInjectingGrainStorage(_inner);

    [Fact]
    public async Task FailNextWrites_fails_that_many_writes_and_clears_before_they_reach_the_inner_storage()
    {
        var grain = GrainId.Create("test", "fail-next");
        var state = new TestGrainState(new TestState { Balance = 1 });
        _storage.FailNextWrites(2);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => _storage.WriteStateAsync("state", grain, state));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _storage.ClearStateAsync("state", grain, state));
        await _storage.WriteStateAsync("state", grain, state);

        Assert.StartsWith("injected", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _storage.CommittedWrites);
        Assert.Equal("1", (await ReadInnerAsync(grain)).ETag);
    }

    [Fact]
    public async Task FailWriteOf_fails_only_the_nth_write_of_that_grain_once()
    {
        var (target, other) = (GrainId.Create("test", "target"), GrainId.Create("test", "other"));
        var (targetState, otherState) = (new TestGrainState(), new TestGrainState());
        _ = _storage.FailWriteOf("target", nth: 2, because: "disk full");

        await _storage.WriteStateAsync("state", target, targetState);
        await _storage.WriteStateAsync("state", other, otherState);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => _storage.WriteStateAsync("state", target, targetState));
        await _storage.WriteStateAsync("state", target, targetState);

        Assert.Equal("injected: disk full", error.Message);
        Assert.Equal(3, _storage.CommittedWrites);
        Assert.Equal("2", (await ReadInnerAsync(target)).ETag);
    }

    [Fact]
    public async Task FailNextReads_fails_reads_and_counts_only_those_that_reached_the_inner_storage()
    {
        var grain = GrainId.Create("test", "reads");
        _storage.FailNextReads(1);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => _storage.ReadStateAsync("state", grain, new TestGrainState()));
        await _storage.ReadStateAsync("state", grain, new TestGrainState());

        Assert.Equal(1, _storage.Reads);
    }

    [Fact]
    public async Task HoldWrites_holds_writes_at_a_gate_until_ReleaseWrites()
    {
        var grain = GrainId.Create("test", "held");
        _storage.HoldWrites();

        var write = _storage.WriteStateAsync("state", grain, new TestGrainState(new TestState { Balance = 4 }));
        await Wait.UntilAsync(() => _storage.HeldWrites == 1, "the write to reach the gate");

        Assert.False(write.IsCompleted);
        Assert.Null((await ReadInnerAsync(grain)).ETag);
        _storage.ReleaseWrites();
        await Wait.ForAsync(write, "the held write to complete");
        Assert.Equal((0, 1), (_storage.HeldWrites, _storage.CommittedWrites));
        Assert.Equal(4, (await ReadInnerAsync(grain)).State.Balance);
    }

    [Fact]
    public async Task AfterCommit_runs_once_the_inner_storage_committed_and_before_the_caller_is_answered()
    {
        var grain = GrainId.Create("test", "after-commit");
        string? etagSeenAfterCommit = null;
        _storage.AfterCommit = (id, stateName) => etagSeenAfterCommit = ReadInnerAsync(id, stateName).GetAwaiter().GetResult().ETag;

        await _storage.WriteStateAsync("state", grain, new TestGrainState());

        Assert.Equal("1", etagSeenAfterCommit);
    }

    private async Task<TestGrainState> ReadInnerAsync(GrainId grain, string stateName = "state")
    {
        var state = new TestGrainState();
        await _inner.ReadStateAsync(stateName, grain, state);
        return state;
    }
}
