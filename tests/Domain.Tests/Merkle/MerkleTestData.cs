using Actors.Domain.Merkle;

namespace Actors.Domain.Tests.Merkle;

internal static class MerkleTestData
{
    /// <summary>The eight leaves of the certificate-transparency reference tests (RFC 6962 test vectors).</summary>
    public static readonly byte[][] CtLeaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    /// <summary>Leaf i is the 4 bytes of i, so every leaf differs.</summary>
    public static byte[][] Leaves(int count) => [.. Enumerable.Range(0, count).Select(BitConverter.GetBytes)];

    public static MerkleTree Tree(IEnumerable<byte[]> leaves) => MerkleTree.FromLeafData(leaves);

    public static string[] Hex(IEnumerable<MerkleHash> hashes) => [.. hashes.Select(h => Convert.ToHexStringLower(h.Bytes))];

    public static string[] Hex(IEnumerable<byte[]> hashes) => [.. hashes.Select(Convert.ToHexStringLower)];

    public static MerkleHash FlipBit(MerkleHash hash, int bit)
    {
        var bytes = hash.Bytes.ToArray();
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return MerkleHash.FromBytes(bytes);
    }
}
