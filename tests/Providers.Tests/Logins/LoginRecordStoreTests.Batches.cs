using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Providers.Logins;

namespace Actors.Providers.Tests.Logins;

public abstract partial class LoginRecordStoreTests
{
    private static readonly LoginTreeNode s_strayNode = new(5, 0, MerkleHash.EmptyTree);

    [Fact]
    public async Task Before_the_first_batch_no_batch_holds_a_position()
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 3));

        Assert.Null(await Store.LastBatchAsync());
        Assert.Null(await Store.GetBatchAsync(1));
        Assert.Null(await Store.BatchHoldingAsync(0));
        Assert.Empty(await Store.ListBatchesAsync(null, 10));
    }

    [Fact]
    public async Task The_first_batch_commits_once_and_a_second_commit_of_its_id_writes_nothing()
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 4));
        var (batch, nodes) = await BuildNextBatchAsync();

        Assert.True(await Store.CommitBatchAsync(batch, nodes));
        Assert.False(await Store.CommitBatchAsync(batch, [s_strayNode]));
        Assert.False(await Store.CommitBatchAsync(batch with { Root = MerkleHash.EmptyTree, CreatedAt = T0 + 1 }, [s_strayNode]));

        Assert.Equal(batch, await Store.LastBatchAsync());
        Assert.Equal([batch], await Store.ListBatchesAsync(null, 10));
        Assert.Empty(await Store.ReadNodesAsync([(5, 0)]));
        Assert.Equal(nodes.ToDictionary(n => (n.Level, n.Index), n => n.Hash), await Store.ReadNodesAsync([(1, 0), (1, 1), (2, 0)]));
    }

    [Fact]
    public async Task A_batch_that_does_not_start_where_the_last_one_ended_writes_nothing()
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 4));
        var (first, nodes) = await BuildNextBatchAsync();
        await Store.CommitBatchAsync(first, nodes);
        await Store.AppendAsync(ChainOf(Wallet(2), 4));
        var (second, secondNodes) = await BuildNextBatchAsync();

        Assert.False(await Store.CommitBatchAsync(second with { Records = 3 }, [.. secondNodes, s_strayNode]));
        Assert.False(await Store.CommitBatchAsync(second with { Records = 5 }, [.. secondNodes, s_strayNode]));
        Assert.False(await Store.CommitBatchAsync(second with { BatchId = 3 }, [.. secondNodes, s_strayNode]));
        Assert.False(await Store.CommitBatchAsync(first with { BatchId = 2 }, [s_strayNode]));

        Assert.Equal([first], await Store.ListBatchesAsync(null, 10));
        Assert.Equal(first, await Store.LastBatchAsync());
        Assert.Empty(await Store.ReadNodesAsync([.. secondNodes.Select(n => (n.Level, n.Index)), (5, 0)]));
        Assert.True(await Store.CommitBatchAsync(second, secondNodes));
        Assert.Equal(second, await Store.LastBatchAsync());
    }

    [Fact]
    public async Task Batches_are_found_by_id_newest_first_and_by_the_positions_they_hold()
    {
        var batches = new List<LoginBatch>();
        foreach (var records in new[] { 3, 1, 4, 2 })
        {
            await Store.AppendAsync(ChainOf(Wallet(batches.Count + 1), records));
            var (batch, nodes) = await BuildNextBatchAsync();
            Assert.True(await Store.CommitBatchAsync(batch, nodes));
            batches.Add(batch);
        }

        // Sizes 3, 4, 8, 10.
        Assert.Equal([3L, 4, 8, 10], batches.Select(b => b.Size));
        Assert.Equal(batches[^1], await Store.LastBatchAsync());
        Assert.Equal(batches[1], await Store.GetBatchAsync(2));
        Assert.Null(await Store.GetBatchAsync(5));
        Assert.Null(await Store.GetBatchAsync(0));
        Assert.Equal(Enumerable.Reverse(batches), await Store.ListBatchesAsync(null, 10));
        Assert.Equal([batches[3], batches[2]], await Store.ListBatchesAsync(null, 2));
        Assert.Equal([batches[2], batches[1]], await Store.ListBatchesAsync(4, 2));
        Assert.Equal([batches[0]], await Store.ListBatchesAsync(2, 10));
        Assert.Empty(await Store.ListBatchesAsync(1, 10));
        long[] positions = [0, 2, 3, 4, 7, 8, 9, 10, 11];
        int?[] holders = [0, 0, 1, 2, 2, 3, 3, null, null];
        for (var i = 0; i < positions.Length; i++)
        {
            Assert.Equal(holders[i] is { } b ? batches[b] : null, await Store.BatchHoldingAsync(positions[i]));
        }
    }

    [Fact]
    public async Task ReadNodesAsync_answers_leaves_from_the_records_and_stored_subtrees_and_omits_absent_ones()
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 6));
        var (batch, nodes) = await BuildNextBatchAsync();
        await Store.CommitBatchAsync(batch, nodes);
        var hashes = await Store.ReadHashesAsync(0, 10);

        var found = await Store.ReadNodesAsync([(0, 0), (0, 5), (0, 6), (1, 0), (1, 2), (1, 3), (2, 0), (2, 1), (3, 0)]);

        var expected = new Dictionary<(int Level, long Index), MerkleHash>
        {
            [(0, 0)] = LoginRecordHashing.LeafHashOf(hashes[0]),
            [(0, 5)] = LoginRecordHashing.LeafHashOf(hashes[5]),
            [(1, 0)] = nodes.Single(n => (n.Level, n.Index) == (1, 0)).Hash,
            [(1, 2)] = nodes.Single(n => (n.Level, n.Index) == (1, 2)).Hash,
            [(2, 0)] = nodes.Single(n => (n.Level, n.Index) == (2, 0)).Hash,
        };
        Assert.Equal(expected, found);
        Assert.Equal(4, nodes.Count); // (1, 0), (1, 1), (2, 0), (1, 2): the subtrees 6 leaves complete
    }
}
