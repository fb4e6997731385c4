using Actors.Domain.Merkle;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>Every valid proof of a small tree verifies, and every single-bit corruption of what is verified is rejected.</summary>
public sealed class MerkleVerifierTests
{
    private const int MaxSize = 16;
    private static readonly byte[][] Data = Leaves(MaxSize);
    private static readonly MerkleTree Whole = Tree(Data);

    /// <summary>Each bit of a 64-bit integer flipped, and the integer plus and minus one.</summary>
    private static IEnumerable<long> Corruptions(long value) =>
        Enumerable.Range(0, 64).Select(bit => value ^ (1L << bit)).Append(value + 1).Append(value - 1);

    [Fact]
    public void Inclusion_rejects_every_corrupted_path_hash_leaf_root_and_extra_or_missing_hash()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = Whole.RootAt(n);
            for (var m = 0; m < n; m++)
            {
                var leaf = MerkleHash.OfLeaf(Data[m]);
                var path = Whole.InclusionProof(m, n);
                Assert.True(MerkleVerifier.VerifyInclusion(leaf, m, n, path, root));
                for (var bit = 0; bit < 256; bit++)
                {
                    Assert.False(MerkleVerifier.VerifyInclusion(FlipBit(leaf, bit), m, n, path, root));
                    Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, path, FlipBit(root, bit)));
                    for (var i = 0; i < path.Count; i++)
                    {
                        var corrupted = path.ToArray();
                        corrupted[i] = FlipBit(corrupted[i], bit);
                        Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, corrupted, root), $"PATH({m}, D[{n}]) bit {bit} of hash {i}");
                    }
                }

                Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, [.. path, root], root));
                Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, [leaf, .. path], root));
                if (path.Count > 0)
                {
                    Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, path.Skip(1).ToArray(), root));
                    Assert.False(MerkleVerifier.VerifyInclusion(leaf, m, n, path.SkipLast(1).ToArray(), root));
                }
            }
        }
    }

    /// <summary>
    /// A corrupted index or size is rejected unless it has the same path shape (the same number of hashes, each on the same
    /// side), in which case the verifier computes the same root: RFC 9162 binds a root to its size through the signed tree
    /// head, not through the proof. The shape comes from the reference PATH recursion, not from the verifier.
    /// </summary>
    [Fact]
    public void Inclusion_rejects_every_corrupted_index_and_size_whose_path_shape_differs()
    {
        var sameShape = 0;
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = Whole.RootAt(n);
            for (var m = 0; m < n; m++)
            {
                var leaf = MerkleHash.OfLeaf(Data[m]);
                var path = Whole.InclusionProof(m, n);
                var shape = ReferenceMerkle.PathShape(m, n);
                foreach (var (index, size) in Corruptions(m).Select(i => (i, (long)n)).Concat(Corruptions(n).Select(s => ((long)m, s))))
                {
                    var accepted = MerkleVerifier.VerifyInclusion(leaf, index, size, path, root);
                    var expected = index >= 0 && index < size && ReferenceMerkle.PathShape(index, size).SequenceEqual(shape);
                    sameShape += expected ? 1 : 0;
                    Assert.True(expected == accepted, $"PATH({m}, D[{n}]) verified as ({index}, {size}): {accepted}");
                }
            }
        }

        Assert.True(sameShape > 0, "some corrupted sizes share a path shape, so the exception above is exercised");
    }

    [Fact]
    public void Consistency_rejects_every_corrupted_proof_hash_root_and_extra_or_missing_hash()
    {
        for (var n = 2; n <= MaxSize; n++)
        {
            var second = Whole.RootAt(n);
            for (var m = 1; m < n; m++)
            {
                var first = Whole.RootAt(m);
                var proof = Whole.ConsistencyProof(m, n);
                Assert.True(MerkleVerifier.VerifyConsistency(m, n, first, second, proof));
                for (var bit = 0; bit < 256; bit++)
                {
                    Assert.False(MerkleVerifier.VerifyConsistency(m, n, FlipBit(first, bit), second, proof));
                    Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, FlipBit(second, bit), proof));
                    for (var i = 0; i < proof.Count; i++)
                    {
                        var corrupted = proof.ToArray();
                        corrupted[i] = FlipBit(corrupted[i], bit);
                        Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, corrupted), $"PROOF({m}, D[{n}]) bit {bit} of hash {i}");
                    }
                }

                Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, [.. proof, second]));
                Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, [first, .. proof]));
                Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, proof.Skip(1).ToArray()));
                Assert.False(MerkleVerifier.VerifyConsistency(m, n, first, second, proof.SkipLast(1).ToArray()));
            }
        }
    }

    /// <summary>As for inclusion: a corrupted size is rejected unless the reference proof shape is the same.</summary>
    [Fact]
    public void Consistency_rejects_every_corrupted_first_or_second_size_whose_proof_shape_differs()
    {
        var sameShape = 0;
        for (var n = 2; n <= MaxSize; n++)
        {
            var second = Whole.RootAt(n);
            for (var m = 1; m < n; m++)
            {
                var first = Whole.RootAt(m);
                var proof = Whole.ConsistencyProof(m, n);
                var shape = ReferenceMerkle.ProofShape(m, n);
                foreach (var (a, b) in Corruptions(m).Select(f => (f, (long)n)).Concat(Corruptions(n).Select(s => ((long)m, s))))
                {
                    var accepted = MerkleVerifier.VerifyConsistency(a, b, first, second, proof);
                    var expected = a > 0 && a < b && ReferenceMerkle.ProofShape(a, b).SequenceEqual(shape);
                    sameShape += expected ? 1 : 0;
                    Assert.True(expected == accepted, $"PROOF({m}, D[{n}]) verified as ({a}, {b}): {accepted}");
                }
            }
        }

        Assert.True(sameShape > 0, "some corrupted sizes share a proof shape, so the exception above is exercised");
    }

    [Fact]
    public void Arguments_outside_the_RFC_ranges_are_rejected_with_a_reason()
    {
        var one = MerkleHash.OfLeaf([1]);

        Assert.False(MerkleVerifier.TryValidateInclusion(0, 0, out var emptyTree));
        Assert.Contains("not below the tree size 0", emptyTree, StringComparison.Ordinal);
        Assert.False(MerkleVerifier.TryValidateInclusion(-1, 3, out _));
        Assert.False(MerkleVerifier.TryValidateConsistency(0, 3, out var zero));
        Assert.Contains("positive", zero, StringComparison.Ordinal);
        Assert.False(MerkleVerifier.TryValidateConsistency(4, 3, out _));
        Assert.True(MerkleVerifier.TryValidateConsistency(3, 3, out _));
        Assert.False(MerkleVerifier.VerifyInclusion(one, 0, 0, [], MerkleHash.EmptyTree));
        Assert.False(MerkleVerifier.VerifyConsistency(0, 1, MerkleHash.EmptyTree, one, []));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 1, one, one, [one]));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 1, one, MerkleHash.OfLeaf([2]), []));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 2, one, one, []));
    }
}
