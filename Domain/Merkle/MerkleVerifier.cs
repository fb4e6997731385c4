using System.Diagnostics.CodeAnalysis;

namespace Actors.Domain.Merkle;

/// <summary>
/// Verification of inclusion and consistency proofs from hashes alone, exactly as RFC 9162 sections 2.1.3.2 and 2.1.4.2
/// describe it. A proof of the wrong length, a wrong hash anywhere, or arguments outside the RFC's range fail.
/// </summary>
/// <remarks>
/// Ranges: an inclusion proof needs 0 &lt;= index &lt; size, so no leaf is ever included in the empty tree. A consistency
/// proof needs 0 &lt; first &lt;= second: the RFC defines proofs for 0 &lt; first &lt; second; first == 0 (the empty tree is
/// trivially a prefix of every tree, and there is nothing to prove) is rejected; first == second is accepted only with an
/// empty proof and equal roots, as the certificate-transparency reference verifiers do.
/// </remarks>
public static class MerkleVerifier
{
    /// <summary>Checks 0 &lt;= index &lt; size; the reason says what is wrong.</summary>
    public static bool TryValidateInclusion(long index, long size, [NotNullWhen(false)] out string? reason)
    {
        reason = index < 0 ? $"index {index} is negative"
            : size < 0 ? $"size {size} is negative"
            : index >= size ? $"index {index} is not below the tree size {size}"
            : null;
        return reason is null;
    }

    /// <summary>Checks 0 &lt; first &lt;= second; the reason says what is wrong.</summary>
    public static bool TryValidateConsistency(long first, long second, [NotNullWhen(false)] out string? reason)
    {
        reason = first <= 0 ? $"the first size must be positive, not {first}"
            : first > second ? $"the first size {first} is above the second size {second}"
            : null;
        return reason is null;
    }

    /// <summary>
    /// RFC 9162 section 2.1.3.2: whether <paramref name="path"/> proves that <paramref name="leafHash"/> is leaf
    /// <paramref name="index"/> of the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.
    /// </summary>
    public static bool VerifyInclusion(MerkleHash leafHash, long index, long size, IReadOnlyList<MerkleHash> path, MerkleHash root)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        if (!TryValidateInclusion(index, size, out _))
        {
            return false;
        }

        long fn = index, sn = size - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.OfNode(p, r);
                ClimbRightEdge(ref fn, ref sn);
            }
            else
            {
                r = MerkleHash.OfNode(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == root;
    }

    /// <summary>
    /// RFC 9162 section 2.1.4.2: whether <paramref name="path"/> proves that the tree of <paramref name="first"/> leaves with
    /// root <paramref name="firstRoot"/> is a prefix of the tree of <paramref name="second"/> leaves with root
    /// <paramref name="secondRoot"/>. See the class remarks for first == second.
    /// </summary>
    public static bool VerifyConsistency(long first, long second, MerkleHash firstRoot, MerkleHash secondRoot, IReadOnlyList<MerkleHash> path)
    {
        ArgumentNullException.ThrowIfNull(firstRoot);
        ArgumentNullException.ThrowIfNull(secondRoot);
        ArgumentNullException.ThrowIfNull(path);
        if (!TryValidateConsistency(first, second, out _))
        {
            return false;
        }

        if (first == second)
        {
            return path.Count == 0 && firstRoot == secondRoot;
        }

        if (path.Count == 0)
        {
            return false;
        }

        // Step 2: when the first tree is a complete subtree of the second, its root is the path's implicit first element.
        var hashes = long.IsPow2(first) ? path.Prepend(firstRoot) : path;
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        MerkleHash? fr = null, sr = null;
        foreach (var c in hashes)
        {
            if (fr is null || sr is null)
            {
                fr = sr = c;
                continue;
            }

            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.OfNode(c, fr);
                sr = MerkleHash.OfNode(c, sr);
                ClimbRightEdge(ref fn, ref sn);
            }
            else
            {
                sr = MerkleHash.OfNode(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr == firstRoot && sr == secondRoot;
    }

    /// <summary>The RFC's "right-shift fn and sn equally until either LSB(fn) is set or fn is 0": past levels where the
    /// node is a lone last node carried up without a sibling.</summary>
    private static void ClimbRightEdge(ref long fn, ref long sn)
    {
        while ((fn & 1) == 0 && fn != 0)
        {
            fn >>= 1;
            sn >>= 1;
        }
    }
}
