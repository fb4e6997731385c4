using System.Security.Cryptography;
using Actors.Domain.Ethereum;
using Actors.Domain.Logins;
using Actors.Domain.Merkle;
using Actors.Providers.Logins;

namespace Actors.Providers.Tests.Logins;

public abstract partial class LoginRecordStoreTests
{
    [Fact]
    public async Task Batches_built_as_the_server_builds_them_have_the_RFC_9162_root_of_the_log()
    {
        await Store.AppendAsync(ChainOf(Wallet(1), 7));
        await Store.AppendAsync(ChainOf(Wallet(2), 6));
        var (first, firstNodes) = await BuildNextBatchAsync();
        Assert.True(await Store.CommitBatchAsync(first, firstNodes));
        await Store.AppendAsync([.. ChainOf(Wallet(3), 8)]);
        await Store.AppendAsync([.. ChainOf(Wallet(4), 3)]);

        // The second batch's edge comes from the subtrees the first one stored.
        var (second, secondNodes) = await BuildNextBatchAsync();
        Assert.True(await Store.CommitBatchAsync(second, secondNodes));

        var hashes = await Store.ReadHashesAsync(0, 100);
        Assert.Equal(24, hashes.Count);
        Assert.Equal(new LoginBatch(1, 13, 13, Mth(hashes.Take(13).ToArray()), T0), await Store.GetBatchAsync(1));
        Assert.Equal(new LoginBatch(2, 24, 11, Mth(hashes), T0), await Store.GetBatchAsync(2));
        var stored = await Store.ReadNodesAsync([.. firstNodes.Concat(secondNodes).Select(n => (n.Level, n.Index))]);
        Assert.Equal(firstNodes.Count + secondNodes.Count, stored.Count);
        foreach (var ((level, index), hash) in stored)
        {
            var width = 1 << level;
            Assert.Equal(Mth(hashes.Skip((int)index * width).Take(width).ToArray()), hash);
        }
    }

    /// <summary>
    /// The next batch and the subtrees it completes, as the server's committer builds them: the tree's right edge restored from
    /// the stored subtrees of the last batch's size, extended by the record hashes after it.
    /// </summary>
    private protected async Task<(LoginBatch Batch, IReadOnlyList<LoginTreeNode> Nodes)> BuildNextBatchAsync()
    {
        var last = await Store.LastBatchAsync();
        var size = last?.Size ?? 0;
        var edge = MerkleRanges.NodesOfRoot(size);
        var stored = await Store.ReadNodesAsync(edge);
        var frontier = new MerkleFrontier(size, [.. edge.Select(n => stored[n])]);
        var nodes = new List<LoginTreeNode>();
        var hashes = await Store.ReadHashesAsync(size, 10_000);
        foreach (var hash in hashes)
        {
            frontier.Append(LoginRecordHashing.LeafHashOf(hash), (level, index, node) => nodes.Add(new LoginTreeNode(level, index, node)));
        }

        return (new LoginBatch((last?.BatchId ?? 0) + 1, frontier.Size, hashes.Count, frontier.Root, T0), nodes);
    }

    /// <summary>RFC 9162's MTH over the leaves' record hashes, computed here apart from the Domain's Merkle code.</summary>
    private static MerkleHash Mth(IReadOnlyList<Hash32> leaves) => MerkleHash.FromBytes(Mth(leaves, 0, leaves.Count));

    private static byte[] Mth(IReadOnlyList<Hash32> leaves, int start, int count)
    {
        if (count == 1)
        {
            byte[] leaf = [0x00, .. leaves[start].AsSpan()];
            return SHA256.HashData(leaf);
        }

        var split = 1;
        while (split * 2 < count)
        {
            split *= 2;
        }

        byte[] node = [0x01, .. Mth(leaves, start, split), .. Mth(leaves, start + split, count - split)];
        return SHA256.HashData(node);
    }
}
