using Actors.Domain.Merkle;
using static Actors.Domain.Tests.Merkle.MerkleTestData;

namespace Actors.Domain.Tests.Merkle;

/// <summary>
/// The append-only right edge of a log against the recursive RFC 9162 definitions and the certificate-transparency vectors.
/// </summary>
public sealed class MerkleFrontierTests
{
    private const int MaxSize = 70;
    private static readonly byte[][] Data = Leaves(MaxSize);

    [Fact]
    public void The_root_after_each_append_equals_MTH_of_the_leaves_so_far()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(MerkleHash.EmptyTree, frontier.Root);
        for (var n = 1; n <= MaxSize; n++)
        {
            frontier.Append(MerkleHash.OfLeaf(Data[n - 1]));

            Assert.Equal(n, frontier.Size);
            Assert.Equal(Convert.ToHexStringLower(ReferenceMerkle.Mth(Data[..n])), Convert.ToHexStringLower(frontier.Root.Bytes));
        }
    }

    [Fact]
    public void The_roots_of_the_CT_leaves_match_the_reference_vectors()
    {
        string[] roots =
        [
            "0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "0xfac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "0xaeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "0x4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "0xddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        var frontier = new MerkleFrontier();
        for (var n = 1; n <= CtLeaves.Length; n++)
        {
            frontier.Append(MerkleHash.OfLeaf(CtLeaves[n - 1]));
            Assert.Equal(roots[n - 1], frontier.Root.ToString());
        }
    }

    [Fact]
    public void Each_append_reports_exactly_the_subtrees_it_completes_lowest_first_with_their_MTH()
    {
        var frontier = new MerkleFrontier();
        for (var n = 1; n <= MaxSize; n++)
        {
            var completed = new List<(int Level, long Index, string Hash)>();
            frontier.Append(MerkleHash.OfLeaf(Data[n - 1]), (level, index, hash) => completed.Add((level, index, Hex([hash])[0])));

            // Leaf n - 1 closes the aligned subtree of level l exactly when 2^l divides n.
            var expected = new List<(int, long, string)>();
            for (var level = 1; n % (1 << level) == 0; level++)
            {
                var index = (n >> level) - 1;
                var width = 1 << level;
                expected.Add((level, index, Convert.ToHexStringLower(ReferenceMerkle.Mth(Data[(index * width)..((index + 1) * width)]))));
            }

            Assert.Equal(expected, completed);
        }
    }

    [Fact]
    public void A_store_filled_by_the_callbacks_holds_every_complete_aligned_subtree_once()
    {
        var store = PerfectNodeStore.Of(Data);

        var expected = new List<(int, long)>();
        for (var level = 0; 1 << level <= MaxSize; level++)
        {
            for (long index = 0; (index + 1) << level <= MaxSize; index++)
            {
                expected.Add((level, index));
            }
        }

        Assert.Equal(expected.Order(), store.Nodes.Keys.Order());
    }

    [Fact]
    public void A_frontier_restored_from_the_edge_nodes_continues_with_the_same_roots_and_subtrees()
    {
        var whole = PerfectNodeStore.Of(Data);
        for (var size = 0; size <= MaxSize; size++)
        {
            var edge = MerkleRanges.NodesOfRoot(size).Select(node => whole.Nodes[node]).ToList();
            var restored = new MerkleFrontier(size, edge);
            Assert.Equal(size, restored.Size);
            Assert.Equal(ReferenceMerkle.Mth(Data[..size]), restored.Root.Bytes.ToArray());

            for (var n = size + 1; n <= MaxSize; n++)
            {
                restored.Append(MerkleHash.OfLeaf(Data[n - 1]), (level, index, hash) => Assert.Equal(whole.Nodes[(level, index)], hash));

                Assert.Equal(ReferenceMerkle.Mth(Data[..n]), restored.Root.Bytes.ToArray());
            }
        }
    }

    [Fact]
    public void A_restored_frontier_with_a_changed_edge_node_gives_another_root()
    {
        var whole = PerfectNodeStore.Of(Data[..13]);
        var edge = MerkleRanges.NodesOfRoot(13).Select(node => whole.Nodes[node]).ToList();
        edge[1] = FlipBit(edge[1], 7);

        Assert.NotEqual(ReferenceMerkle.Mth(Data[..13]), new MerkleFrontier(13, edge).Root.Bytes.ToArray());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(5, 3)]
    [InlineData(8, 0)]
    public void Restoring_with_another_number_of_edge_nodes_than_set_bits_is_refused(long size, int count)
    {
        var edge = Enumerable.Repeat(MerkleHash.EmptyTree, count).ToList();

        Assert.Throws<ArgumentException>(() => new MerkleFrontier(size, edge));
    }
}
