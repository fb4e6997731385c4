using System.Text;
using Actors.Domain.Ethereum;
using Org.BouncyCastle.Crypto.Digests;

namespace Actors.Domain.Tests.Ethereum;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Hash_matches_the_known_Keccak_256_vectors(string input, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void Hash_is_not_FIPS_SHA3_256()
    {
        var sha3 = new Sha3Digest(256);
        var fips = new byte[32];
        sha3.DoFinal(fips, 0);

        // SHA3-256 of the empty string, from FIPS 202's examples: the padding differs from Keccak's.
        Assert.Equal("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Convert.ToHexStringLower(fips));
        Assert.NotEqual(fips, Keccak256.Hash([]));
    }
}
