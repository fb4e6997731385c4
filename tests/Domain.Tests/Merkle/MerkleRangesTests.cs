using Actors.Domain.Merkle;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>
/// The proof walks over stored complete aligned subtrees (what a log too large for memory keeps) against the recursive RFC 9162
/// definitions and the certificate-transparency vectors; and the nodes they say they read against the nodes read.
/// </summary>
public sealed class MerkleRangesTests
{
    private const int MaxSize = 70;
    private static readonly byte[][] Data = Leaves(MaxSize);
    private static readonly PerfectNodeStore Store = PerfectNodeStore.Of(Data);

    /// <summary>Large sizes with many set bits, each tree built on its own.</summary>
    public static TheoryData<int> LargeOddSizes => new() { 1001, 2047, 4097, 6143 };

    [Fact]
    public void Roots_from_stored_nodes_equal_MTH_for_every_size()
    {
        Assert.Equal(MerkleHash.EmptyTree, MerkleRanges.Root(0, StoreFor(0).Node));
        for (var n = 1; n <= MaxSize; n++)
        {
            var root = MerkleRanges.Root(n, StoreFor(n).Node);
            Assert.Equal(Convert.ToHexStringLower(ReferenceMerkle.Mth(Data[..n])), Convert.ToHexStringLower(root.Bytes));
        }
    }

    [Fact]
    public void Inclusion_proofs_from_stored_nodes_equal_PATH_for_every_index_of_every_size()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var store = StoreFor(n);
            for (var m = 0; m < n; m++)
            {
                Assert.Equal(Hex(ReferenceMerkle.Path(m, Data[..n])), Hex(MerkleRanges.InclusionProof(m, n, store.Range)));
            }
        }
    }

    [Fact]
    public void Consistency_proofs_from_stored_nodes_equal_PROOF_for_every_pair_of_sizes()
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            var store = StoreFor(n);
            for (var m = 1; m <= n; m++)
            {
                Assert.Equal(Hex(ReferenceMerkle.Proof(m, Data[..n])), Hex(MerkleRanges.ConsistencyProof(m, n, store.Range)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(LargeOddSizes))]
    public void Large_odd_sizes_give_the_reference_root_and_proofs(int n)
    {
        var data = Leaves(n);
        var store = PerfectNodeStore.Of(data);
        store.Limit = n;

        Assert.Equal(ReferenceMerkle.Mth(data), MerkleRanges.Root(n, store.Node).Bytes.ToArray());
        Assert.Equal(ReferenceMerkle.Mth(data), store.Frontier.Root.Bytes.ToArray());
        foreach (var m in new[] { 0, 1, n / 3, n / 2, n - 2, n - 1 })
        {
            Assert.Equal(Hex(ReferenceMerkle.Path(m, data)), Hex(MerkleRanges.InclusionProof(m, n, store.Range)));
            Assert.Equal(Hex(ReferenceMerkle.Proof(m + 1, data)), Hex(MerkleRanges.ConsistencyProof(m + 1, n, store.Range)));
        }
    }

    [Theory]
    [MemberData(nameof(MerkleKnownVectorsTests.InclusionVectors), MemberType = typeof(MerkleKnownVectorsTests))]
    public void Inclusion_proofs_from_stored_nodes_match_the_CT_vectors(int index, int size, string[] expected)
    {
        var store = PerfectNodeStore.Of(CtLeaves[..size]);

        Assert.Equal(expected, Hex(MerkleRanges.InclusionProof(index, size, store.Range)));
    }

    [Theory]
    [MemberData(nameof(MerkleKnownVectorsTests.ConsistencyVectors), MemberType = typeof(MerkleKnownVectorsTests))]
    public void Consistency_proofs_from_stored_nodes_match_the_CT_vectors(int first, int second, string[] expected)
    {
        var store = PerfectNodeStore.Of(CtLeaves[..second]);

        Assert.Equal(expected, Hex(MerkleRanges.ConsistencyProof(first, second, store.Range)));
    }

    [Fact]
    public void NodesOfInclusion_names_exactly_the_nodes_an_inclusion_proof_reads() => AssertNamesTheNodesRead(inclusion: true);

    [Fact]
    public void NodesOfConsistency_names_exactly_the_nodes_a_consistency_proof_reads() => AssertNamesTheNodesRead(inclusion: false);

    [Fact]
    public void NodesOfRoot_is_one_node_per_set_bit_largest_first_and_they_fold_to_the_root()
    {
        for (var n = 0; n <= MaxSize; n++)
        {
            var nodes = MerkleRanges.NodesOfRoot(n);
            var expected = new List<(int, long)>();
            long start = 0;
            for (var level = 6; level >= 0; level--)
            {
                if ((n >> level & 1) == 1)
                {
                    expected.Add((level, start >> level));
                    start += 1L << level;
                }
            }

            Assert.Equal(expected, nodes);
            if (n > 0)
            {
                var store = StoreFor(n);
                var hashes = nodes.Select(node => store.Node(node.Level, node.Index)).Reverse();
                var root = hashes.Aggregate((right, left) => MerkleHash.OfNode(left, right));
                Assert.Equal(ReferenceMerkle.Mth(Data[..n]), root.Bytes.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 4)]
    [InlineData(64, 32)]
    [InlineData(65, 64)]
    [InlineData(70, 64)]
    public void LargestPowerOfTwoBelow_is_the_RFC_9162_split_point(long n, long k)
    {
        Assert.Equal(k, MerkleRanges.LargestPowerOfTwoBelow(n));
    }

    [Fact]
    public void A_changed_stored_node_changes_the_proofs_that_read_it()
    {
        var store = PerfectNodeStore.Of(Data[..13]);
        var before = Hex(MerkleRanges.InclusionProof(0, 13, store.Range));
        store.Nodes[(2, 2)] = FlipBit(store.Nodes[(2, 2)], 0);

        Assert.NotEqual(before, Hex(MerkleRanges.InclusionProof(0, 13, store.Range)));
        Assert.NotEqual(ReferenceMerkle.Mth(Data[..13]), MerkleRanges.Root(13, store.Node).Bytes.ToArray());
    }

    // For every proof of every size up to MaxSize: the nodes NodesOf* names are the nodes the proof read from the store.
    private static void AssertNamesTheNodesRead(bool inclusion)
    {
        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = inclusion ? 0 : 1; m <= (inclusion ? n - 1 : n); m++)
            {
                var store = StoreFor(n);
                _ = inclusion ? MerkleRanges.InclusionProof(m, n, store.Range) : MerkleRanges.ConsistencyProof(m, n, store.Range);
                var named = inclusion ? MerkleRanges.NodesOfInclusion(m, n) : MerkleRanges.NodesOfConsistency(m, n);

                Assert.Equal(Sorted(store.Reads), Sorted(named));
            }
        }
    }

    // The store of all leaves, refusing nodes outside the tree of n leaves.
    private static PerfectNodeStore StoreFor(long n)
    {
        var store = new PerfectNodeStore { Limit = n };
        foreach (var node in Store.Nodes)
        {
            store.Nodes.Add(node.Key, node.Value);
        }

        return store;
    }

    private static List<(int, long)> Sorted(IEnumerable<(int Level, long Index)> nodes) => [.. nodes.Order()];
}
