using System.Security.Cryptography;

namespace Actors.Domain.Tests.Merkle;

/// <summary>
/// RFC 9162 section 2.1 written out as its definitions read (MTH, PATH, SUBPROOF), recursively, on raw bytes and SHA-256,
/// sharing no code with the library: the oracle the library's tree and proofs are compared with.
/// </summary>
internal static class ReferenceMerkle
{
    public static byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (d.Count == 1)
        {
            return SHA256.HashData([0x00, .. d[0]]);
        }

        var k = K(d.Count);
        return Node(Mth(d.Take(k).ToList()), Mth(d.Skip(k).ToList()));
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count <= 1)
        {
            return [];
        }

        var k = K(d.Count);
        return m < k
            ? [.. Path(m, d.Take(k).ToList()), Mth(d.Skip(k).ToList())]
            : [.. Path(m - k, d.Skip(k).ToList()), Mth(d.Take(k).ToList())];
    }

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => SubProof(m, d, true);

    /// <summary>
    /// For each hash of PATH(m, D[n]), bottom-up: true when it is the right-hand sibling. Two (m, n) with equal shapes
    /// combine a path's hashes identically, so a proof for one also verifies as the other against the same root.
    /// </summary>
    public static List<bool> PathShape(long m, long n)
    {
        if (n <= 1)
        {
            return [];
        }

        var k = K(n);
        return m < k ? [.. PathShape(m, k), true] : [.. PathShape(m - k, n - k), false];
    }

    /// <summary>
    /// How PROOF(m, D[n]) is read, from the SUBPROOF recursion: "first" when it starts from the old root itself (the old tree
    /// is a complete subtree), "start" when it starts from its own first hash; then, bottom-up, "left" for a hash on the left
    /// (part of both trees) and "right" for a hash on the right (part of the new tree only). Equal shapes verify alike.
    /// </summary>
    public static List<string> ProofShape(long m, long n) => SubProofShape(m, n, true);

    private static List<string> SubProofShape(long m, long n, bool b)
    {
        if (m == n)
        {
            return [b ? "first" : "start"];
        }

        var k = K(n);
        return m <= k ? [.. SubProofShape(m, k, b), "right"] : [.. SubProofShape(m - k, n - k, false), "left"];
    }

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        var n = d.Count;
        if (m == n)
        {
            return b ? [] : [Mth(d)];
        }

        var k = K(n);
        return m <= k
            ? [.. SubProof(m, d.Take(k).ToList(), b), Mth(d.Skip(k).ToList())]
            : [.. SubProof(m - k, d.Skip(k).ToList(), false), Mth(d.Take(k).ToList())];
    }

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>The largest power of two below n (n &gt; 1), without overflow for any long.</summary>
    private static int K(int n) => (int)K((long)n);

    private static long K(long n)
    {
        long k = 1;
        while (k <= (n - 1) / 2)
        {
            k *= 2;
        }

        return k;
    }
}
