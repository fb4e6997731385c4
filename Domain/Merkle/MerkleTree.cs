namespace Actors.Domain.Merkle;

/// <summary>
/// An RFC 9162 (RFC 6962) Merkle tree over a list of leaf hashes. Building it hashes every interior node once (O(n)) and keeps
/// them level by level, so the root, the root of any earlier size, inclusion proofs and consistency proofs cost O(log² n)
/// hashes at most, none of them a full recomputation.
/// </summary>
/// <remarks>
/// Level 0 holds the leaf hashes; level j + 1 holds the hashes of pairs of level j, and a last node without a partner is
/// carried up unchanged. That is the tree MTH defines (split at the largest power of two below n), so every complete,
/// aligned subtree D[i·2^j : (i+1)·2^j] is one stored node.
/// </remarks>
public sealed partial class MerkleTree
{
    private readonly List<MerkleHash[]> _levels = [];

    /// <summary>Builds the tree over leaf hashes (each <see cref="MerkleHash.OfLeaf"/> of a leaf's data), in order.</summary>
    public MerkleTree(IEnumerable<MerkleHash> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var level = leafHashes.ToArray();
        if (Array.IndexOf(level, null) >= 0)
        {
            throw new ArgumentException("a leaf hash is null", nameof(leafHashes));
        }

        _levels.Add(level);
        while (level.Length > 1)
        {
            var parent = new MerkleHash[(level.Length + 1) / 2];
            for (var i = 0; i < level.Length / 2; i++)
            {
                parent[i] = MerkleHash.OfNode(level[2 * i], level[(2 * i) + 1]);
            }

            if (level.Length % 2 == 1)
            {
                parent[^1] = level[^1];
            }

            _levels.Add(parent);
            level = parent;
        }
    }

    /// <summary>Builds the tree over leaves given as their data: leaf i is <see cref="MerkleHash.OfLeaf"/>(data[i]).</summary>
    public static MerkleTree FromLeafData(IEnumerable<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        return new MerkleTree(leaves.Select(data => MerkleHash.OfLeaf(data)));
    }

    /// <summary>The number of leaves.</summary>
    public int Count => _levels[0].Length;

    /// <summary>MTH(D[n]): the root of the whole tree; <see cref="MerkleHash.EmptyTree"/> when it has no leaves.</summary>
    public MerkleHash Root => Count == 0 ? MerkleHash.EmptyTree : _levels[^1][0];

    /// <summary>Leaf hash <paramref name="index"/>.</summary>
    public MerkleHash LeafHash(int index) => _levels[0][index];

    /// <summary>MTH(D[0:size]): the root the tree had when it held its first <paramref name="size"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or above <see cref="Count"/>.</exception>
    public MerkleHash RootAt(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Count);
        return size == 0 ? MerkleHash.EmptyTree : SubtreeHash(0, size);
    }

    /// <summary>MTH(D[start:end]) for 0 &lt;= start &lt; end &lt;= Count, from stored nodes where the range is one of them.</summary>
    private MerkleHash SubtreeHash(int start, int end)
    {
        var length = end - start;
        if (int.IsPow2(length) && start % length == 0)
        {
            return _levels[int.Log2(length)][start / length];
        }

        var k = (int)MerkleRanges.LargestPowerOfTwoBelow(length);
        return MerkleHash.OfNode(SubtreeHash(start, start + k), SubtreeHash(start + k, end));
    }
}
