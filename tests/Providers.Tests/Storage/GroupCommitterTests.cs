using Actors.Providers.Storage;
using Actors.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Actors.Providers.Tests.Storage;

public sealed class GroupCommitterTests : IAsyncDisposable
{
    private readonly GatedStateStore _store = new();
    private readonly List<GroupCommitter> _committers = [];

    [Fact]
    public async Task No_writer_is_answered_before_its_batch_commits_and_concurrent_writes_share_batches()
    {
        var committer = Committer();
        _store.Hold();

        var writes = Enumerable.Range(0, 50).Select(i => Put($"held-{i}")).ToArray();
        var answers = writes.Select(w => committer.CommitAsync(w, CancellationToken.None)).ToArray();
        await Wait.ForAsync(_store.Arrived.Task, "a batch to reach the store");

        Assert.All(answers, a => Assert.False(a.IsCompleted));
        _store.Release();
        await Wait.ForAsync(Task.WhenAll(answers), "every write to be answered");
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
        Assert.Equal(50, _store.BatchSizes.Sum());
        Assert.InRange(_store.BatchSizes.Count, 1, 2);
    }

    [Fact]
    public async Task Batches_hold_at_most_MaxBatchSize_writes()
    {
        var committer = Committer(maxBatchSize: 10);
        _store.Hold();

        var answers = Enumerable.Range(0, 35).Select(i => committer.CommitAsync(Put($"sized-{i}"), CancellationToken.None)).ToArray();
        _store.Release();
        await Wait.ForAsync(Task.WhenAll(answers), "every write to be answered");

        Assert.Equal(35, _store.BatchSizes.Sum());
        Assert.All(_store.BatchSizes, size => Assert.InRange(size, 1, 10));
    }

    [Fact]
    public async Task A_failed_batch_fails_each_of_its_writers_with_StorageUnavailableException_and_resets_their_outcomes()
    {
        var committer = Committer();
        _store.Hold();
        _store.FailNextBatch();
        var first = Put("fail-first");
        var failing = committer.CommitAsync(first, CancellationToken.None);
        await Wait.ForAsync(_store.Arrived.Task, "the batch to reach the store");
        _store.Release();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => failing);

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(StateWriteOutcome.Pending, first.Outcome);
        Assert.Null(await _store.ReadAsync(first.Key, CancellationToken.None));
        var next = Put("after-failure");
        await committer.CommitAsync(next, CancellationToken.None);
        Assert.Equal(StateWriteOutcome.Committed, next.Outcome);
    }

    [Fact]
    public async Task A_full_queue_makes_writers_wait_for_room_and_their_token_cancels_the_wait()
    {
        var committer = Committer(maxBatchSize: 1, maxPendingWrites: 2);
        _store.Hold();
        var inFlight = committer.CommitAsync(Put("room-0"), CancellationToken.None);
        await Wait.ForAsync(_store.Arrived.Task, "the first batch to reach the store");
        var queued = new[] { "room-1", "room-2" }.Select(k => committer.CommitAsync(Put(k), CancellationToken.None)).ToArray();
        using var cancel = new CancellationTokenSource();
        var overflow = Put("room-3");

        var waiting = committer.CommitAsync(overflow, cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _store.Release();
        await Wait.ForAsync(Task.WhenAll([inFlight, .. queued]), "the queued writes to be answered");
        Assert.Equal(StateWriteOutcome.Pending, overflow.Outcome);
        Assert.Null(await _store.ReadAsync(overflow.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Stop_commits_the_queued_writes_then_refuses_new_ones_with_StorageUnavailableException()
    {
        var committer = Committer(maxBatchSize: 1);
        _store.Hold();
        var writes = Enumerable.Range(0, 3).Select(i => Put($"drain-{i}")).ToArray();
        var answers = writes.Select(w => committer.CommitAsync(w, CancellationToken.None)).ToArray();

        var stopping = committer.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        _store.Release();
        await Wait.ForAsync(stopping, "the committer to drain");

        // Decided before the stop returned; the writers' own continuations run asynchronously.
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
        await Wait.ForAsync(Task.WhenAll(answers), "the writers to be answered");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => committer.CommitAsync(Put("late"), CancellationToken.None));
    }

    [Fact]
    public async Task A_stop_cut_short_fails_every_write_not_yet_answered_and_nothing_more_reaches_the_store()
    {
        var committer = Committer(maxBatchSize: 1);
        _store.Hold();
        var writes = Enumerable.Range(0, 3).Select(i => Put($"abort-{i}")).ToArray();
        var answers = writes.Select(w => committer.CommitAsync(w, CancellationToken.None)).ToArray();
        await Wait.ForAsync(_store.Arrived.Task, "a batch to reach the store");

        await committer.StopAsync(new CancellationToken(canceled: true));

        foreach (var answer in answers)
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => answer);
        }

        _store.Release();
        Assert.Empty(_store.BatchSizes);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Release();
        foreach (var committer in _committers)
        {
            await committer.DisposeAsync();
        }
    }

    private GroupCommitter Committer(int maxBatchSize = 1000, int maxPendingWrites = 100_000)
    {
        var committer = new GroupCommitter(_store, maxBatchSize, 1, maxPendingWrites, new StorageMetrics(null), NullLogger.Instance);
        _committers.Add(committer);
        return committer;
    }

    private static StateWrite Put(string key) => StateWrite.Put(new StateKey("test", key, "state"), new byte[] { 1 }, 0);
}
