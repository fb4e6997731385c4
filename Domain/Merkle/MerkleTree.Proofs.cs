namespace Actors.Domain.Merkle;

/// <summary>Inclusion and consistency proofs, as RFC 9162 sections 2.1.3.1 and 2.1.4.1 define them.</summary>
public sealed partial class MerkleTree
{
    /// <summary>PATH(index, D[Count]): the audit path of a leaf in the whole tree.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public IReadOnlyList<MerkleHash> InclusionProof(int index) => InclusionProof(index, Count);

    /// <summary>
    /// PATH(index, D[size]): the audit path of leaf <paramref name="index"/> in the tree of the first <paramref name="size"/>
    /// leaves, ordered from the leaf's sibling up to the child of the root (the order <see cref="MerkleVerifier.VerifyInclusion"/> reads).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt;= index &lt; size &lt;= Count.</exception>
    public IReadOnlyList<MerkleHash> InclusionProof(int index, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Count);

        // Walk down from the root; each split contributes the other side's hash. Collected top-down, returned bottom-up.
        var path = new List<MerkleHash>();
        int start = 0, end = size;
        while (end - start > 1)
        {
            var k = LargestPowerOfTwoBelow(end - start);
            if (index < start + k)
            {
                path.Add(SubtreeHash(start + k, end));
                end = start + k;
            }
            else
            {
                path.Add(SubtreeHash(start, start + k));
                start += k;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>PROOF(first, D[Count]): the consistency proof of the tree's first <paramref name="first"/> leaves with the whole tree.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; first &lt;= Count.</exception>
    public IReadOnlyList<MerkleHash> ConsistencyProof(int first) => ConsistencyProof(first, Count);

    /// <summary>
    /// PROOF(first, D[second]) = SUBPROOF(first, D[second], true): the consistency proof between the trees of the first
    /// <paramref name="first"/> and <paramref name="second"/> leaves, ordered as RFC 9162 section 2.1.4.1 builds it. For
    /// first == second the proof is empty (the RFC defines proofs for 0 &lt; first &lt; second only; an equal size is
    /// consistent exactly when the roots are equal).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt; first &lt;= second &lt;= Count.</exception>
    public IReadOnlyList<MerkleHash> ConsistencyProof(int first, int second)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(second, Count);

        // SUBPROOF unrolled: each step appends one hash after the recursive part, so collect and reverse at the end.
        var proof = new List<MerkleHash>();
        int start = 0, end = second, m = first;
        var wholeOldTree = true;
        while (m != end - start)
        {
            var k = LargestPowerOfTwoBelow(end - start);
            if (m <= k)
            {
                proof.Add(SubtreeHash(start + k, end));
                end = start + k;
            }
            else
            {
                proof.Add(SubtreeHash(start, start + k));
                start += k;
                m -= k;
                wholeOldTree = false;
            }
        }

        if (!wholeOldTree)
        {
            proof.Add(SubtreeHash(start, end));
        }

        proof.Reverse();
        return proof;
    }
}
