namespace Actors.Domain.Merkle;

/// <summary>
/// The right edge of an append-only RFC 9162 log: the complete aligned subtrees that make its root, one per set bit of its
/// size (a compact range). Appending a leaf completes the subtrees it closes, which a store keeps write-once; the root of
/// every size is a fold of the edge, so a log of any length is extended in O(log n) memory and hashes per leaf.
/// </summary>
public sealed class MerkleFrontier
{
    // The edge from the largest subtree (leftmost) to the smallest (rightmost).
    private readonly List<(int Level, MerkleHash Hash)> _edge = [];

    /// <summary>An empty log.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>
    /// The edge of a log of <paramref name="size"/> leaves, given the hashes of <see cref="MerkleRanges.NodesOfRoot"/>(size), in
    /// that order.
    /// </summary>
    public MerkleFrontier(long size, IReadOnlyList<MerkleHash> edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        var nodes = MerkleRanges.NodesOfRoot(size);
        if (nodes.Count != edge.Count)
        {
            throw new ArgumentException($"a log of {size} leaves has {nodes.Count} edge nodes, not {edge.Count}", nameof(edge));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            _edge.Add((nodes[i].Level, edge[i] ?? throw new ArgumentException("an edge node is null", nameof(edge))));
        }

        Size = size;
    }

    /// <summary>The number of leaves.</summary>
    public long Size { get; private set; }

    /// <summary>MTH(D[Size]).</summary>
    public MerkleHash Root
    {
        get
        {
            if (_edge.Count == 0)
            {
                return MerkleHash.EmptyTree;
            }

            var root = _edge[^1].Hash;
            for (var i = _edge.Count - 2; i >= 0; i--)
            {
                root = MerkleHash.OfNode(_edge[i].Hash, root);
            }

            return root;
        }
    }

    /// <summary>
    /// Appends a leaf hash; <paramref name="completed"/> receives every complete aligned subtree of level 1 and above that the
    /// leaf closed, as (level, index, hash), lowest first.
    /// </summary>
    public void Append(MerkleHash leafHash, Action<int, long, MerkleHash>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var level = 0;
        var hash = leafHash;
        var position = Size; // the leaf's index; the subtree of `level` holding it ends at position
        while (_edge.Count > 0 && _edge[^1].Level == level)
        {
            hash = MerkleHash.OfNode(_edge[^1].Hash, hash);
            _edge.RemoveAt(_edge.Count - 1);
            level++;
            completed?.Invoke(level, position >> level, hash);
        }

        _edge.Add((level, hash));
        Size++;
    }
}
