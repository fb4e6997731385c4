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
        return MerkleRanges.InclusionProof(index, size, Range);
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
        return MerkleRanges.ConsistencyProof(first, second, Range);
    }

    private MerkleHash Range(long start, long end) => SubtreeHash((int)start, (int)end);
}
