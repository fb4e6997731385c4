using Actors.Domain.Merkle;

namespace Actors.Domain.Tests.Merkle;

public sealed class MerkleHashTests
{
    [Fact]
    public void Leaf_and_node_hashes_are_domain_separated_SHA256()
    {
        // SHA-256 of the single byte 0x00, and of 0x01 followed by 64 zero bytes (computed outside this code).
        Assert.Equal("0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", MerkleHash.OfLeaf([]).ToString());
        var zero = MerkleHash.FromBytes(new byte[32]);
        Assert.Equal("0xae0798d0ecaed2b778eddebf18f071a561c53658c05e76cedecc27cafbdbc577", MerkleHash.OfNode(zero, zero).ToString());
        Assert.NotEqual(MerkleHash.OfLeaf(new byte[64]), MerkleHash.OfNode(zero, zero));
    }

    [Theory]
    [InlineData("0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData("6E340B9CFFB37A989CA544E6BB780A2C78901D3FB33738768511A30617AFA01D")]
    public void Parse_reads_64_hex_digits_with_or_without_0x_in_either_case(string text)
    {
        Assert.True(MerkleHash.TryParse(text, out var hash, out _));
        Assert.Equal(MerkleHash.OfLeaf([]), hash);
    }

    [Theory]
    [InlineData(null, "no hex value")]
    [InlineData("0x6e34", "32 bytes, not 2")]
    [InlineData("0x6e3", "odd number")]
    [InlineData("0xzz340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "not hex")]
    public void TryParse_gives_a_reason_for_bad_text(string? text, string reason)
    {
        Assert.False(MerkleHash.TryParse(text, out var hash, out var why));
        Assert.Null(hash);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_compares_bytes()
    {
        var a = MerkleHash.OfLeaf([1, 2]);
        var b = MerkleHash.FromBytes(a.Bytes);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != MerkleHash.OfLeaf([1, 3]));
        Assert.Throws<ArgumentException>(() => MerkleHash.FromBytes(new byte[31]));
    }
}
