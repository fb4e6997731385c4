using Actors.Grains.Persistence;

namespace Actors.Grains.Tests.Persistence;

/// <summary>
/// The group commit of a reentrant grain: changes made while a write is under way share the next write, and nobody is
/// answered before a write holding their change committed. Driven from one thread, as a grain's turns are.
/// </summary>
public sealed class BatchedStateWriterTests
{
    [Fact]
    public async Task Changes_made_during_a_write_share_the_next_one_and_wait_for_it()
    {
        var state = new GatedState();
        var writer = new BatchedStateWriter<List<int>>(state, "test", () => { });

        state.State.Add(1);
        var first = writer.WriteAsync();
        var others = Enumerable.Range(2, 9).Select(n =>
        {
            state.State.Add(n);
            return writer.WriteAsync();
        }).ToList();
        var read = writer.WhenWrittenAsync();

        Assert.Equal([1], state.Stored.Single());
        state.Complete(0);
        await first;
        var second = await state.StartedAsync(1);
        var waitingForSecond = others.Count(t => !t.IsCompleted) + (read.IsCompleted ? 0 : 1);
        state.Complete(1);
        await Task.WhenAll(others);
        await read;

        Assert.Equal(Enumerable.Range(1, 10), second);
        Assert.Equal(2, state.Stored.Count);
        Assert.Equal(10, waitingForSecond);
        Assert.Equal(2, writer.Writes);
    }

    [Fact]
    public async Task Nothing_waits_when_no_write_is_under_way()
    {
        var state = new GatedState();
        var writer = new BatchedStateWriter<List<int>>(state, "test", () => { });

        var idle = writer.WhenWrittenAsync();
        state.State.Add(1);
        var write = writer.WriteAsync();
        var during = writer.WhenWrittenAsync();
        state.Complete(0);
        await write;

        Assert.True(idle.IsCompleted);
        Assert.Same(write, during);
        Assert.True(writer.WhenWrittenAsync().IsCompleted);
    }

    [Fact]
    public async Task After_a_failed_write_every_later_write_fails_and_the_grain_resets_once()
    {
        var state = new GatedState();
        var resets = 0;
        var writer = new BatchedStateWriter<List<int>>(state, "pool/p", () => resets++);

        var first = writer.WriteAsync();
        var second = writer.WriteAsync();
        state.Fail(0, new InvalidOperationException("disk on fire"));
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        var after = await Assert.ThrowsAsync<OrleansException>(() => second);
        var later = await Assert.ThrowsAsync<OrleansException>(() => writer.WriteAsync());

        Assert.Equal("disk on fire", failed.Message);
        Assert.Contains("pool/p", after.Message, StringComparison.Ordinal);
        Assert.Same(failed, later.InnerException);
        Assert.Single(state.Stored); // the failed write was tried; no write after it reached storage
        Assert.Equal(1, resets);
    }

    [Fact]
    public async Task A_write_that_completes_at_once_leaves_no_write_under_way()
    {
        var state = new GatedState { CompleteAtOnce = true };
        var writer = new BatchedStateWriter<List<int>>(state, "test", () => { });

        await writer.WriteAsync();
        await writer.WriteAsync();

        Assert.Equal(2, state.Stored.Count);
        Assert.True(writer.WhenWrittenAsync().IsCompleted);
    }

    [Fact]
    public async Task The_starting_hook_sees_the_state_as_written_and_its_action_runs_only_after_the_commit()
    {
        var state = new GatedState();
        var committed = new List<int>();
        var writer = new BatchedStateWriter<List<int>>(state, "test", () => { })
        {
            Starting = () =>
            {
                var copy = state.State.ToList();
                return () => committed = copy;
            },
        };

        state.State.Add(1);
        var write = writer.WriteAsync();
        state.State.Add(2); // after the write started: not in it
        var beforeCommit = committed.ToList();
        state.Complete(0);
        await write;

        Assert.Empty(beforeCommit);
        Assert.Equal([1], committed);
    }

    /// <summary>A state whose writes wait until the test completes or fails them, and record what they stored.</summary>
    private sealed class GatedState : IPersistentState<List<int>>
    {
        private readonly List<TaskCompletionSource> _writes = [];
        private readonly List<TaskCompletionSource> _started = [];

        public bool CompleteAtOnce { get; init; }

        public List<List<int>> Stored { get; } = [];

        public List<int> State { get; set; } = [];

        public string? Etag => null;

        public bool RecordExists => Stored.Count > 0;

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ReadStateAsync() => throw new NotSupportedException();

        public Task WriteStateAsync()
        {
            Stored.Add([.. State]); // serialized when the write starts, as the grain storage does
            Slot(_started, Stored.Count - 1).TrySetResult();
            var write = Slot(_writes, Stored.Count - 1);
            if (CompleteAtOnce)
            {
                write.SetResult();
            }

            return write.Task;
        }

        public void Complete(int index) => Slot(_writes, index).SetResult();

        public void Fail(int index, Exception error) => Slot(_writes, index).SetException(error);

        public async Task<List<int>> StartedAsync(int index)
        {
            await Slot(_started, index).Task.WaitAsync(TimeSpan.FromSeconds(30));
            return Stored[index];
        }

        private static TaskCompletionSource Slot(List<TaskCompletionSource> slots, int index)
        {
            lock (slots)
            {
                while (slots.Count <= index)
                {
                    slots.Add(new TaskCompletionSource());
                }

                return slots[index];
            }
        }
    }
}
