using Actors.Domain.Merkle;
using FsCheck;
using FsCheck.Fluent;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>Properties over random trees (random leaf data, sizes up to 300) and random positions in them.</summary>
public sealed class MerklePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>A random tree's leaves with two random numbers in [0, 1) to pick positions from.</summary>
    private static readonly Arbitrary<(byte[][] Leaves, int A, int B)> Trees = Gen.Choose(1, 300)
        .SelectMany(n => Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)), n))
        .SelectMany(leaves => Gen.Zip(Gen.Choose(0, leaves.Length - 1), Gen.Choose(0, leaves.Length - 1)), (leaves, ab) => (leaves, ab.Item1, ab.Item2))
        .ToArbitrary();

    [Fact]
    public void The_root_of_a_random_tree_is_MTH_of_its_leaves()
    {
        Prop.ForAll(Trees, t => Convert.ToHexStringLower(Tree(t.Leaves).Root.Bytes) == Convert.ToHexStringLower(ReferenceMerkle.Mth(t.Leaves)))
            .Check(Runs);
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_a_flipped_bit_anywhere_in_it_does_not()
    {
        Prop.ForAll(Trees, t =>
        {
            var tree = Tree(t.Leaves);
            var (index, size) = (Math.Min(t.A, t.B), Math.Max(t.A, t.B) + 1);
            var leaf = MerkleHash.OfLeaf(t.Leaves[index]);
            var path = tree.InclusionProof(index, size).ToArray();
            var valid = MerkleVerifier.VerifyInclusion(leaf, index, size, path, tree.RootAt(size));
            if (path.Length == 0)
            {
                return valid;
            }

            var bit = (t.A * 31 + t.B) % (path.Length * 256);
            path[bit / 256] = FlipBit(path[bit / 256], bit % 256);
            return valid && !MerkleVerifier.VerifyInclusion(leaf, index, size, path, tree.RootAt(size));
        }).Check(Runs);
    }

    [Fact]
    public void Every_consistency_proof_verifies_and_a_flipped_bit_anywhere_in_it_does_not()
    {
        Prop.ForAll(Trees, t =>
        {
            var tree = Tree(t.Leaves);
            var (first, second) = (Math.Min(t.A, t.B) + 1, Math.Max(t.A, t.B) + 1);
            var proof = tree.ConsistencyProof(first, second).ToArray();
            var valid = MerkleVerifier.VerifyConsistency(first, second, tree.RootAt(first), tree.RootAt(second), proof);
            if (proof.Length == 0)
            {
                return valid && first == second;
            }

            var bit = (t.A * 31 + t.B) % (proof.Length * 256);
            proof[bit / 256] = FlipBit(proof[bit / 256], bit % 256);
            return valid && !MerkleVerifier.VerifyConsistency(first, second, tree.RootAt(first), tree.RootAt(second), proof);
        }).Check(Runs);
    }

    [Fact]
    public void A_proof_does_not_verify_a_different_leaf()
    {
        Prop.ForAll(Trees, t =>
        {
            var tree = Tree(t.Leaves);
            var path = tree.InclusionProof(t.A);
            var other = MerkleHash.OfLeaf([.. t.Leaves[t.A], 0x00]);
            return MerkleVerifier.VerifyInclusion(tree.LeafHash(t.A), t.A, tree.Count, path, tree.Root)
                && !MerkleVerifier.VerifyInclusion(other, t.A, tree.Count, path, tree.Root);
        }).Check(Runs);
    }
}
