using Actors.Providers.Storage;

namespace Actors.Providers.Tests.Storage;

public abstract partial class StateStoreTests
{
    [Fact]
    public async Task A_batch_commits_its_matching_writes_and_reports_the_others_as_conflicts()
    {
        var (a, b, c, d) = (Key("mix-a"), Key("mix-b"), Key("mix-c"), Key("mix-d"));
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
        var key = Key("same-stale");
        await CommitAsync(Write(key, Bytes(1), 0));

        var first = Write(key, Bytes(2), 1);
        var second = Write(key, Bytes(3), 1);
        await WriteAsync(first, second);

        Assert.Equal(StateWriteOutcome.Committed, first.Outcome);
        Assert.Equal(StateWriteOutcome.Conflict, second.Outcome);
        await AssertStoredAsync(key, Bytes(2), 2);
    }

    [Fact]
    public async Task Two_writes_to_one_record_in_a_batch_apply_in_order_so_the_second_with_the_new_version_commits()
    {
        var key = Key("same-chain");
        var other = Key("same-chain-other");

        // Create, update, clear and re-update one record in one batch, with another record between them.
        await CommitAsync(
            Write(key, Bytes(1), 0),
            Write(other, Bytes(5), 0),
            Write(key, Bytes(2), 1),
            Write(key, null, 2),
            Write(key, Bytes(4), 3));

        await AssertStoredAsync(key, Bytes(4), 4);
        await AssertStoredAsync(other, Bytes(5), 1);
    }

    [Fact]
    public async Task A_write_after_a_conflicting_write_to_the_same_record_still_sees_the_stored_version()
    {
        var key = Key("same-after-conflict");
        await CommitAsync(Write(key, Bytes(1), 0));

        var conflict = Write(key, Bytes(8), 0);
        var update = Write(key, Bytes(2), 1);
        await WriteAsync(conflict, update);

        Assert.Equal(StateWriteOutcome.Conflict, conflict.Outcome);
        Assert.Equal(StateWriteOutcome.Committed, update.Outcome);
        await AssertStoredAsync(key, Bytes(2), 2);
    }

    [Fact]
    public async Task A_batch_of_1000_writes_to_distinct_grains_commits_in_one_call()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => Key($"many-{i}")).ToArray();
        await CommitAsync(keys.Select((k, i) => Write(k, BitConverter.GetBytes(i), 0)).ToArray());
        await CommitAsync(keys.Select((k, i) => Write(k, BitConverter.GetBytes(-i), 1)).ToArray());

        foreach (var i in new[] { 0, 1, 499, 999 })
        {
            await AssertStoredAsync(keys[i], BitConverter.GetBytes(-i), 2);
        }
    }

    [Fact]
    public async Task An_empty_batch_does_nothing()
    {
        await Store.WriteBatchAsync([], CancellationToken.None);
        Assert.Null(await ReadAsync(Key("empty")));
    }

    [Fact]
    public async Task Two_stores_on_one_database_racing_on_one_version_commit_exactly_once()
    {
        var other = await Harness.OpenAsync(MainDatabase);
        await other.InitializeAsync(CancellationToken.None);
        var keys = Enumerable.Range(0, 50).Select(i => Key($"race-{i}")).ToArray();
        await CommitAsync(keys.Select(k => Write(k, Bytes(0), 0)).ToArray());

        var mine = keys.Select(k => Write(k, Bytes(1), 1)).ToArray();
        var theirs = keys.Select(k => Write(k, Bytes(2), 1)).ToArray();
        await Task.WhenAll(
            Task.Run(() => Store.WriteBatchAsync(mine, CancellationToken.None)),
            Task.Run(() => other.WriteBatchAsync(theirs, CancellationToken.None)));

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(1, new[] { mine[i], theirs[i] }.Count(w => w.Outcome == StateWriteOutcome.Committed));
            var winner = mine[i].Outcome == StateWriteOutcome.Committed ? Bytes(1) : Bytes(2);
            await AssertStoredAsync(keys[i], winner, 2);
        }
    }
}
