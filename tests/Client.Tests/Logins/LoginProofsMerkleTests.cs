using System.Globalization;
using Actors.Client.Merkle;
using Actors.Domain.Merkle;

namespace Actors.Client.Tests.Logins;

/// <summary>The inclusion proofs of a login export are plain RFC 9162 proofs: <c>merkle verify-inclusion</c> checks each.</summary>
public sealed class LoginProofsMerkleTests
{
    [Fact]
    public void Each_inclusion_proof_of_the_export_verifies_with_merkle_verify_inclusion()
    {
        var export = LoginExportSample.Export();

        foreach (var proof in export.Proofs)
        {
            var record = export.Records.Single(r => r.Sequence == proof.Sequence);
            var result = VerifyInclusion(record.Hash, proof.LeafIndex, proof.BatchSize, proof.BatchRoot, proof.Path);

            Assert.Equal((0, "valid", ""), result);
        }
    }

    [Fact]
    public void A_proof_against_another_record_hash_or_index_is_invalid()
    {
        var export = LoginExportSample.Export();
        var proof = export.Proofs[1];
        var other = export.Records[0].Hash;

        var wrongLeaf = VerifyInclusion(other, proof.LeafIndex, proof.BatchSize, proof.BatchRoot, proof.Path);
        var wrongIndex = VerifyInclusion(export.Records[1].Hash, proof.LeafIndex - 1, proof.BatchSize, proof.BatchRoot, proof.Path);

        Assert.Equal((1, "invalid", ""), wrongLeaf);
        Assert.Equal((1, "invalid", ""), wrongIndex);
    }

    [Fact]
    public void The_proofs_leaf_is_the_record_hash_and_the_batch_root_is_over_those_leaves()
    {
        var export = LoginExportSample.Export();

        Assert.All(export.Proofs, p => Assert.Equal(export.Records.Single(r => r.Sequence == p.Sequence).Hash, p.Leaf));
        Assert.All(export.Proofs, p => Assert.True(MerkleHash.TryParse(p.BatchRoot, out _, out _)));
    }

    // merkle verify-inclusion with the record hash as the leaf data, as the command line passes them.
    private static (int Exit, string Output, string Errors) VerifyInclusion(
        string leaf, long index, long size, string root, IReadOnlyList<string> path)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var (indexText, sizeText) = (index.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture));
        var claim = new InclusionClaim(indexText, sizeText, leaf, root, path);
        var exit = MerkleCommands.VerifyInclusion(claim, output, errors);
        return (exit, output.ToString().TrimEnd(), errors.ToString());
    }
}
