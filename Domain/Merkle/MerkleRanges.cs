namespace Actors.Domain.Merkle;

/// <summary>
/// The RFC 9162 proof algorithms over any store of subtree hashes. A log too large to hold in memory keeps only its complete,
/// aligned subtrees (node (level, index) = MTH(D[index·2^level : (index+1)·2^level])); every range a proof needs is one of
/// them or splits into O(log n) of them. <see cref="MerkleTree"/> runs the same algorithms over its levels in memory.
/// </summary>
public static class MerkleRanges
{
    /// <summary>Looks up the complete, aligned subtree hash at <paramref name="level"/> (leaves are level 0) and <paramref name="index"/>.</summary>
    public delegate MerkleHash PerfectNode(int level, long index);

    /// <summary>MTH(D[start:end]) for 0 &lt;= start &lt; end, from complete aligned subtrees alone.</summary>
    public static MerkleHash RangeHash(long start, long end, PerfectNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var length = end - start;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (long.IsPow2(length) && start % length == 0)
        {
            var level = (int)long.Log2(length);
            return node(level, start >> level);
        }

        var k = LargestPowerOfTwoBelow(length);
        return MerkleHash.OfNode(RangeHash(start, start + k, node), RangeHash(start + k, end, node));
    }

    /// <summary>MTH(D[0:size]); <see cref="MerkleHash.EmptyTree"/> for size 0.</summary>
    public static MerkleHash Root(long size, PerfectNode node) =>
        size == 0 ? MerkleHash.EmptyTree : RangeHash(0, size, node);

    /// <summary>
    /// PATH(index, D[size]), ordered from the leaf's sibling up to the child of the root (the order
    /// <see cref="MerkleVerifier.VerifyInclusion"/> reads).
    /// </summary>
    /// <param name="index">The leaf, 0 &lt;= index &lt; size.</param>
    /// <param name="size">The tree's size.</param>
    /// <param name="range">MTH(D[start:end]) of any range the walk asks for.</param>
    public static IReadOnlyList<MerkleHash> InclusionProof(long index, long size, Func<long, long, MerkleHash> range)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        ArgumentNullException.ThrowIfNull(range);

        // Walk down from the root; each split contributes the other side's hash. Collected top-down, returned bottom-up.
        var path = new List<MerkleHash>();
        long start = 0, end = size;
        while (end - start > 1)
        {
            var k = LargestPowerOfTwoBelow(end - start);
            if (index < start + k)
            {
                path.Add(range(start + k, end));
                end = start + k;
            }
            else
            {
                path.Add(range(start, start + k));
                start += k;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// PROOF(first, D[second]) = SUBPROOF(first, D[second], true), ordered as RFC 9162 section 2.1.4.1 builds it; empty for
    /// first == second (consistent exactly when the roots are equal).
    /// </summary>
    /// <param name="first">The older tree's size, 0 &lt; first &lt;= second.</param>
    /// <param name="second">The newer tree's size.</param>
    /// <param name="range">MTH(D[start:end]) of any range the walk asks for.</param>
    public static IReadOnlyList<MerkleHash> ConsistencyProof(long first, long second, Func<long, long, MerkleHash> range)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        ArgumentNullException.ThrowIfNull(range);

        // SUBPROOF unrolled: each step appends one hash after the recursive part, so collect and reverse at the end.
        var proof = new List<MerkleHash>();
        long start = 0, end = second, m = first;
        var wholeOldTree = true;
        while (m != end - start)
        {
            var k = LargestPowerOfTwoBelow(end - start);
            if (m <= k)
            {
                proof.Add(range(start + k, end));
                end = start + k;
            }
            else
            {
                proof.Add(range(start, start + k));
                start += k;
                m -= k;
                wholeOldTree = false;
            }
        }

        if (!wholeOldTree)
        {
            proof.Add(range(start, end));
        }

        proof.Reverse();
        return proof;
    }

    /// <summary>
    /// The complete aligned subtrees (level, index) that an inclusion proof of <paramref name="index"/> in a tree of
    /// <paramref name="size"/> reads, so that a store can fetch them in one query.
    /// </summary>
    public static IReadOnlyCollection<(int Level, long Index)> NodesOfInclusion(long index, long size)
    {
        var nodes = new HashSet<(int, long)>();
        _ = InclusionProof(index, size, (s, e) => RangeHash(s, e, Recording(nodes)));
        return nodes;
    }

    /// <summary>The complete aligned subtrees a consistency proof between <paramref name="first"/> and <paramref name="second"/> reads.</summary>
    public static IReadOnlyCollection<(int Level, long Index)> NodesOfConsistency(long first, long second)
    {
        var nodes = new HashSet<(int, long)>();
        _ = ConsistencyProof(first, second, (s, e) => RangeHash(s, e, Recording(nodes)));
        return nodes;
    }

    /// <summary>The complete aligned subtrees whose hashes make the root of a tree of <paramref name="size"/>: one per set bit.</summary>
    public static IReadOnlyList<(int Level, long Index)> NodesOfRoot(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<(int, long)>();
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                nodes.Add((level, start >> level));
                start += width;
            }
        }

        return nodes;
    }

    /// <summary>The largest power of two strictly smaller than <paramref name="n"/> (n &gt; 1), the split point k of RFC 9162.</summary>
    public static long LargestPowerOfTwoBelow(long n) => 1L << (int)long.Log2(n - 1);

    private static PerfectNode Recording(HashSet<(int, long)> nodes) => (level, index) =>
    {
        nodes.Add((level, index));
        return MerkleHash.EmptyTree;
    };
}
