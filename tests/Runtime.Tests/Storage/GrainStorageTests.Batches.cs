using Actors.Runtime.Storage;

namespace Actors.Runtime.Tests.Storage;

public abstract partial class GrainStorageTests
{
    [Fact]
    public async Task A_batch_commits_its_matching_writes_and_reports_the_others_as_conflicts()
    {
        var (a, b, c, d) = (Grain("mix-a"), Grain("mix-b"), Grain("mix-c"), Grain("mix-d"));
        await CommitAsync(Write(a, Bytes(1), 0), Write(b, Bytes(1), 0), Write(c, Bytes(1), 0));

        var writes = new[]
        {
            Write(a, Bytes(2), 1), // matches
            Write(b, Bytes(2), 5), // stale
            Write(c, Bytes(2), 0), // exists already
            Write(d, Bytes(2), 0), // new
        };
        await WriteAsync(writes);

        Assert.Equal(
            [StateWriteOutcome.Committed, StateWriteOutcome.Conflict, StateWriteOutcome.Conflict, StateWriteOutcome.Committed],
            writes.Select(w => w.Outcome));
        await AssertStoredAsync(a, Bytes(2), 2);
        await AssertStoredAsync(b, Bytes(1), 1);
        await AssertStoredAsync(c, Bytes(1), 1);
        await AssertStoredAsync(d, Bytes(2), 1);
    }

    [Fact]
    public async Task Two_writes_to_one_record_in_a_batch_apply_in_order_so_the_second_with_the_old_version_conflicts()
    {
        var grain = Grain("same-stale");
        await CommitAsync(Write(grain, Bytes(1), 0));

        var first = Write(grain, Bytes(2), 1);
        var second = Write(grain, Bytes(3), 1);
        await WriteAsync(first, second);

        Assert.Equal(StateWriteOutcome.Committed, first.Outcome);
        Assert.Equal(StateWriteOutcome.Conflict, second.Outcome);
        await AssertStoredAsync(grain, Bytes(2), 2);
    }

    [Fact]
    public async Task Two_writes_to_one_record_in_a_batch_apply_in_order_so_the_second_with_the_new_version_commits()
    {
        var grain = Grain("same-chain");
        var other = Grain("same-chain-other");

        // Create, update, clear and re-update one record in one batch, with another record between them.
        await CommitAsync(
            Write(grain, Bytes(1), 0),
            Write(other, Bytes(5), 0),
            Write(grain, Bytes(2), 1),
            Write(grain, null, 2),
            Write(grain, Bytes(4), 3));

        await AssertStoredAsync(grain, Bytes(4), 4);
        await AssertStoredAsync(other, Bytes(5), 1);
    }

    [Fact]
    public async Task A_write_after_a_conflicting_write_to_the_same_record_still_sees_the_stored_version()
    {
        var grain = Grain("same-after-conflict");
        await CommitAsync(Write(grain, Bytes(1), 0));

        var conflict = Write(grain, Bytes(8), 0);
        var update = Write(grain, Bytes(2), 1);
        await WriteAsync(conflict, update);

        Assert.Equal(StateWriteOutcome.Conflict, conflict.Outcome);
        Assert.Equal(StateWriteOutcome.Committed, update.Outcome);
        await AssertStoredAsync(grain, Bytes(2), 2);
    }

    [Fact]
    public async Task A_batch_of_1000_writes_to_distinct_grains_commits_in_one_call()
    {
        var grains = Enumerable.Range(0, 1000).Select(i => Grain($"many-{i}")).ToArray();
        await CommitAsync(grains.Select((g, i) => Write(g, BitConverter.GetBytes(i), 0)).ToArray());
        await CommitAsync(grains.Select((g, i) => Write(g, BitConverter.GetBytes(-i), 1)).ToArray());

        foreach (var i in new[] { 0, 1, 499, 999 })
        {
            await AssertStoredAsync(grains[i], BitConverter.GetBytes(-i), 2);
        }
    }

    [Fact]
    public async Task An_empty_batch_does_nothing()
    {
        await Storage.WriteBatchAsync([], CancellationToken.None);
        Assert.Null(await ReadAsync(Grain("empty")));
    }

    [Fact]
    public async Task Two_stores_on_one_database_racing_on_one_version_commit_exactly_once()
    {
        var other = await OpenAsync(MainDatabase);
        await other.InitializeAsync(CancellationToken.None);
        var grains = Enumerable.Range(0, 50).Select(i => Grain($"race-{i}")).ToArray();
        await CommitAsync(grains.Select(g => Write(g, Bytes(0), 0)).ToArray());

        var mine = grains.Select(g => Write(g, Bytes(1), 1)).ToArray();
        var theirs = grains.Select(g => Write(g, Bytes(2), 1)).ToArray();
        await Task.WhenAll(
            Task.Run(() => Storage.WriteBatchAsync(mine, CancellationToken.None)),
            Task.Run(() => other.WriteBatchAsync(theirs, CancellationToken.None)));

        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal(1, new[] { mine[i], theirs[i] }.Count(w => w.Outcome == StateWriteOutcome.Committed));
            var winner = mine[i].Outcome == StateWriteOutcome.Committed ? Bytes(1) : Bytes(2);
            await AssertStoredAsync(grains[i], winner, 2);
        }
    }

    [Fact]
    public async Task A_failed_transaction_throws_StorageException_and_none_of_its_writes_take_effect()
    {
        var database = FreshDatabase("fault");
        var storage = await OpenAsync(database);
        await storage.InitializeAsync(CancellationToken.None);
        var (existing, before, poison, after) = (Grain("f-existing"), Grain("f-before"), Grain("f-poison"), Grain("f-after"));
        var setup = new[] { Write(existing, Bytes(1), 0) };
        await storage.WriteBatchAsync(setup, CancellationToken.None);
        Assert.Equal(StateWriteOutcome.Committed, setup[0].Outcome);
        await FailInsertsOfKeyAsync(database, poison.Key);

        var writes = new[] { Write(existing, Bytes(2), 1), Write(before, Bytes(2), 0), Write(poison, Bytes(2), 0), Write(after, Bytes(2), 0) };
        var error = await Assert.ThrowsAsync<StorageException>(() => storage.WriteBatchAsync(writes, CancellationToken.None));

        Assert.NotNull(error.InnerException);
        Assert.All(writes, w => Assert.Equal(StateWriteOutcome.Pending, w.Outcome));
        var existingState = await storage.ReadAsync(existing, "state", CancellationToken.None);
        Assert.Equal(Bytes(1), existingState?.Data);
        Assert.Equal(1, existingState?.Version);
        Assert.Null(await storage.ReadAsync(before, "state", CancellationToken.None));
        Assert.Null(await storage.ReadAsync(after, "state", CancellationToken.None));

        // The store recovers: the same batch without the failing write commits.
        var retry = new[] { writes[0], writes[1], writes[3] };
        await storage.WriteBatchAsync(retry, CancellationToken.None);
        Assert.All(retry, w => Assert.Equal(StateWriteOutcome.Committed, w.Outcome));
    }
}
