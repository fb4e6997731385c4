using Actors.Domain.Merkle;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>The tree's roots and proofs against the recursive RFC 9162 definitions, for every size 1..64.</summary>
public sealed class MerkleTreeReferenceTests
{
    private const int MaxSize = 64;
    private static readonly byte[][] Data = Leaves(MaxSize);
    private static readonly MerkleTree Whole = Tree(Data);

    [Fact]
    public void Roots_equal_MTH_for_every_size_whether_built_at_that_size_or_read_from_a_larger_tree()
    {
        for (var n = 0; n <= MaxSize; n++)
        {
            var expected = Convert.ToHexStringLower(ReferenceMerkle.Mth(Data[..n]));
            Assert.Equal(expected, Convert.ToHexStringLower(Tree(Data[..n]).Root.Bytes));
            Assert.Equal(expected, Convert.ToHexStringLower(Whole.RootAt(n).Bytes));
        }
    }

    [Fact]
    public void Inclusion_proofs_equal_PATH_for_every_index_of_every_size_and_verify()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = Whole.RootAt(n);
            var sized = Tree(Data[..n]);
            for (var m = 0; m < n; m++)
            {
                var expected = Hex(ReferenceMerkle.Path(m, Data[..n]));
                var proof = Whole.InclusionProof(m, n);
                Assert.Equal(expected, Hex(proof));
                Assert.Equal(expected, Hex(sized.InclusionProof(m)));
                Assert.True(MerkleVerifier.VerifyInclusion(MerkleHash.OfLeaf(Data[m]), m, n, proof, root), $"PATH({m}, D[{n}])");
            }
        }
    }

    [Fact]
    public void Consistency_proofs_equal_PROOF_for_every_pair_of_sizes_and_verify()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var sized = Tree(Data[..n]);
            for (var m = 1; m < n; m++)
            {
                var expected = Hex(ReferenceMerkle.Proof(m, Data[..n]));
                var proof = Whole.ConsistencyProof(m, n);
                Assert.Equal(expected, Hex(proof));
                Assert.Equal(expected, Hex(sized.ConsistencyProof(m)));
                Assert.True(MerkleVerifier.VerifyConsistency(m, n, Whole.RootAt(m), Whole.RootAt(n), proof), $"PROOF({m}, D[{n}])");
            }

            Assert.Empty(Whole.ConsistencyProof(n, n));
            Assert.True(MerkleVerifier.VerifyConsistency(n, n, Whole.RootAt(n), Whole.RootAt(n), []));
        }
    }

    [Fact]
    public void Proofs_outside_the_tree_are_refused()
    {
        var tree = Tree(Data[..5]);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(2, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MerkleTree([]).InclusionProof(0));
    }
}
