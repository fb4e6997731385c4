using Actors.Client.Merkle;

namespace Actors.Client.Tests.Merkle;

/// <summary>The <c>merkle</c> commands on the certificate-transparency test leaves (RFC 6962 test vectors).</summary>
public sealed class MerkleCommandsTests
{
    private static readonly string[] CtLeaves =
        ["0x", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private const string Root8 = "0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    private const string Root6 = "0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef";

    private readonly StringWriter _output = new();
    private readonly StringWriter _errors = new();

    [Fact]
    public void Root_prints_the_reference_root_of_the_eight_CT_leaves()
    {
        var exit = MerkleCommands.Root(CtLeaves, _output, _errors);

        Assert.Equal(0, exit);
        Assert.Equal(Root8 + Environment.NewLine, _output.ToString());
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void Root_of_no_leaves_prints_the_empty_tree_root()
    {
        var exit = MerkleCommands.Root([], _output, _errors);

        Assert.Equal(0, exit);
        Assert.Equal(["0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"], Lines(_output));
    }

    [Fact]
    public void Prove_prints_the_reference_path_one_hash_per_line()
    {
        var exit = MerkleCommands.Prove("5", CtLeaves, _output, _errors);

        Assert.Equal(0, exit);
        Assert.Equal(
            [
                "0xbc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "0xca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
            Lines(_output));
    }

    [Fact]
    public void The_output_of_prove_fed_to_verify_inclusion_is_valid_for_every_leaf()
    {
        for (var index = 0; index < CtLeaves.Length; index++)
        {
            using var proof = new StringWriter();
            Assert.Equal(0, MerkleCommands.Prove(index.ToString(System.Globalization.CultureInfo.InvariantCulture), CtLeaves, proof, _errors));

            using var verdict = new StringWriter();
            var exit = MerkleCommands.VerifyInclusion(new InclusionClaim($"{index}", "8", CtLeaves[index], Root8, Lines(proof)), verdict, _errors);

            Assert.Equal(0, exit);
            Assert.Equal(["valid"], Lines(verdict));
        }

        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void A_corrupted_proof_a_wrong_leaf_or_a_wrong_root_is_invalid_with_exit_1()
    {
        MerkleCommands.Prove("2", CtLeaves, _output, _errors);
        var path = Lines(_output);
        var corrupted = path.ToArray();
        corrupted[1] = corrupted[1][..^1] + (corrupted[1][^1] == '0' ? '1' : '0');

        var results = new[]
        {
            MerkleCommands.VerifyInclusion(new InclusionClaim("2", "8", "10", Root8, corrupted), _output, _errors),
            MerkleCommands.VerifyInclusion(new InclusionClaim("2", "8", "11", Root8, path), _output, _errors),
            MerkleCommands.VerifyInclusion(new InclusionClaim("2", "8", "10", Root6, path), _output, _errors),
            MerkleCommands.VerifyInclusion(new InclusionClaim("2", "8", "10", Root8, path[..^1]), _output, _errors),
        };

        Assert.Equal([1, 1, 1, 1], results);
        Assert.Equal(["invalid", "invalid", "invalid", "invalid"], Lines(_output).Skip(path.Length));
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void Verify_consistency_accepts_the_reference_proof_from_6_to_8_and_rejects_it_against_another_root()
    {
        string[] proof =
        [
            "0x0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "0xca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ];

        var valid = MerkleCommands.VerifyConsistency(new ConsistencyClaim("6", "8", Root6, Root8, proof), _output, _errors);
        var invalid = MerkleCommands.VerifyConsistency(new ConsistencyClaim("6", "8", Root8, Root8, proof), _output, _errors);

        Assert.Equal((0, 1), (valid, invalid));
        Assert.Equal(["valid", "invalid"], Lines(_output));
        Assert.Empty(_errors.ToString());
    }

    public static TheoryData<Func<TextWriter, TextWriter, int>, string> BadInputs => new()
    {
        { (o, e) => MerkleCommands.Root(["0x12", "zz"], o, e), "leaf 1: 'zz' is not hex" },
        { (o, e) => MerkleCommands.Root(["123"], o, e), "odd number of hex digits" },
        { (o, e) => MerkleCommands.Prove("8", CtLeaves, o, e), "index 8 is not below the tree size 8" },
        { (o, e) => MerkleCommands.Prove("-1", CtLeaves, o, e), "--index: '-1' is not a non-negative integer" },
        { (o, e) => MerkleCommands.Prove(null, CtLeaves, o, e), "--index is required" },
        { (o, e) => MerkleCommands.VerifyInclusion(new InclusionClaim("3", "3", "10", Root8, []), o, e), "index 3 is not below the tree size 3" },
        { (o, e) => MerkleCommands.VerifyInclusion(new InclusionClaim("0", "1", "10", "0x1234", []), o, e), "--root: a hash is 32 bytes, not 2" },
        { (o, e) => MerkleCommands.VerifyInclusion(new InclusionClaim("0", "2", "10", Root8, ["0xgg"]), o, e), "path hash 0: '0xgg' is not hex" },
        { (o, e) => MerkleCommands.VerifyConsistency(new ConsistencyClaim("0", "8", Root6, Root8, []), o, e), "first size must be positive" },
        { (o, e) => MerkleCommands.VerifyConsistency(new ConsistencyClaim("8", "6", Root8, Root6, []), o, e), "first size 8 is above the second size 6" },
        { (o, e) => MerkleCommands.VerifyConsistency(new ConsistencyClaim("6", "8", null, Root8, []), o, e), "--first-root is required" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_a_message_on_stderr_and_nothing_on_stdout(Func<TextWriter, TextWriter, int> command, string message)
    {
        var exit = command(_output, _errors);

        Assert.Equal(2, exit);
        Assert.Contains(message, _errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
