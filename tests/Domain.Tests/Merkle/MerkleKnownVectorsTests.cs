using Actors.Domain.Merkle;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>The certificate-transparency reference vectors (RFC 6962), checked independently of this code.</summary>
public sealed class MerkleKnownVectorsTests
{
    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<int, int, string[]> InclusionVectors => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 1, [] },
    };

    public static TheoryData<int, int, string[]> ConsistencyVectors => new()
    {
        { 1, 1, [] },
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    [Fact]
    public void The_empty_tree_has_the_SHA256_of_the_empty_string_as_its_root()
    {
        Assert.Equal("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", new MerkleTree([]).Root.ToString());
    }

    [Fact]
    public void Roots_of_the_first_1_to_8_CT_leaves_match_the_reference_vectors()
    {
        var whole = Tree(CtLeaves);
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(Tree(CtLeaves.Take(size)).Root.Bytes));
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(whole.RootAt(size).Bytes));
        }
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_match_the_reference_vectors_and_verify(int index, int size, string[] expected)
    {
        var tree = Tree(CtLeaves);

        var proof = tree.InclusionProof(index, size);

        Assert.Equal(expected, Hex(proof));
        Assert.True(MerkleVerifier.VerifyInclusion(MerkleHash.OfLeaf(CtLeaves[index]), index, size, proof, MerkleHash.Parse(Roots[size - 1])));
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_match_the_reference_vectors_and_verify(int first, int second, string[] expected)
    {
        var tree = Tree(CtLeaves);

        var proof = tree.ConsistencyProof(first, second);

        Assert.Equal(expected, Hex(proof));
        Assert.True(MerkleVerifier.VerifyConsistency(first, second, MerkleHash.Parse(Roots[first - 1]), MerkleHash.Parse(Roots[second - 1]), proof));
    }
}
