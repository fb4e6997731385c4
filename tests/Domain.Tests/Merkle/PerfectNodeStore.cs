using Actors.Domain.Merkle;

namespace Actors.Domain.Tests.Merkle;

/// <summary>
/// What a log's store keeps: the leaf hashes at level 0 and every complete aligned subtree <see cref="MerkleFrontier"/> reports,
/// each written once. Records which nodes a walk reads, and refuses to read one outside the tree of <see cref="Limit"/> leaves.
/// </summary>
internal sealed class PerfectNodeStore
{
    public Dictionary<(int Level, long Index), MerkleHash> Nodes { get; } = [];

    public HashSet<(int Level, long Index)> Reads { get; } = [];

    public MerkleFrontier Frontier { get; } = new();

    /// <summary>Reads of nodes reaching past this many leaves fail: a proof for a tree of this size may not use them.</summary>
    public long Limit { get; set; } = long.MaxValue;

    public static PerfectNodeStore Of(IEnumerable<byte[]> leaves)
    {
        var store = new PerfectNodeStore();
        foreach (var leaf in leaves)
        {
            store.Append(MerkleHash.OfLeaf(leaf));
        }

        return store;
    }

    public void Append(MerkleHash leafHash)
    {
        Nodes.Add((0, Frontier.Size), leafHash);
        Frontier.Append(leafHash, (level, index, hash) => Nodes.Add((level, index), hash));
    }

    public MerkleHash Node(int level, long index)
    {
        Assert.True((index + 1) << level <= Limit, $"node ({level}, {index}) is not a complete subtree of a tree of {Limit} leaves");
        Reads.Add((level, index));
        return Nodes[(level, index)];
    }

    public MerkleHash Range(long start, long end) => MerkleRanges.RangeHash(start, end, Node);
}
