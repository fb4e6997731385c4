namespace Actors.Client.Tests.Cluster;

/// <summary>Every input is checked before any call: a wrong one exits 2, naming the option or argument, and calls nothing.</summary>
public sealed class BadInputTests
{
    private const string Good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private const string MisChecksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    private const string Hash = "0x1111111111111111111111111111111111111111111111111111111111111111";

    public static TheoryData<string, string[]> Cases => new()
    {
        { "<address>", ["wallet", "stake", MisChecksummed, "--pool", "p", "--amount", "5"] },
        { "--amount", ["wallet", "stake", Good, "--pool", "p", "--amount", "-5"] },
        { "--amount", ["wallet", "unstake", Good, "--pool", "p", "--amount", "abc"] },
        { "--amount", ["pool", "fund", "p", "--amount", "0"] },
        { "--amount", ["pool", "fund", "p"] },
        { "--pool", ["wallet", "claim", Good, "--pool", "bad id"] },
        { "--op", ["wallet", "claim", Good, "--pool", "p", "--op", "has space"] },
        { "<poolId>", ["pool", "show", new string('p', 65)] },
        { "--rate", ["pool", "create", "p", "--rate", "1.5"] },
        { "--starts-at", ["pool", "create", "p", "--rate", "1", "--starts-at", "tomorrow"] },
        { "--ends-at", ["pool", "create", "p", "--rate", "1", "--starts-at", "2030-01-02T00:00:00Z", "--ends-at", "2030-01-01T00:00:00Z"] },
        { "<tokenId>", ["nft", "mint", "c", "07", "--owner", Good, "--metadata-hash", Hash] },
        { "--metadata-hash", ["nft", "mint", "c", "7", "--owner", Good, "--metadata-hash", "0x1234"] },
        { "--owner", ["nft", "mint", "c", "7", "--owner", MisChecksummed, "--metadata-hash", Hash] },
        { "<collectionId>", ["nft", "show", "a/b", "7"] },
        { "--name", ["nft", "collection", "c", "--name", new string('n', 101)] },
        { "--to", ["nft", "transfer", "c", "7", "--to", "0x12", "--from", Good] },
        { "--approved", ["nft", "approve", "c", "7", "--approved", Good, "--clear", "--from", Good] },
        { "--wallet", ["recovery", "submit", "r", "--wallet", MisChecksummed, "--new-owner", Good] },
        { "--geo", ["recovery", "submit", "r", "--wallet", Good, "--new-owner", Good, "--geo", "de"] },
        { "--device-fingerprint", ["recovery", "submit", "r", "--wallet", Good, "--new-owner", Good, "--device-fingerprint", "tab\there"] },
        { "--signature", ["recovery", "approve", "r", "--guardian", Good, "--signature", "0x1234"] },
        { "--signature", ["recovery", "approve", "r", "--guardian", Good] },
        { "--key", ["recovery", "approve", "r", "--key", "0x12"] },
        { "--guardian", ["recovery", "approve", "r", "--guardian", Good, "--key", "0x" + "1".PadLeft(64, '0')] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Through_the_cluster_client_a_wrong_input_exits_2_before_connecting(string named, string[] args)
    {
        // No silo listens there: had the command tried to call, it would have exited 1.
        var result = await Cli.RunAsync(Cli.Offline(), [.. args, "--gateway", $"127.0.0.1:{FreePorts.Next()}"]);

        AssertBadInput(result, named);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Over_http_a_wrong_input_exits_2_and_sends_nothing(string named, string[] args)
    {
        using var handler = new RecordingHandler();

        var credentials = new Dictionary<string, string> { ["ACTORS_TOKEN"] = "t", ["ACTORS_OPERATOR_KEY"] = "k" };

        var result = await Cli.RunAsync(Cli.Over(handler, credentials), [.. args, "--http", "http://silo.test/"]);

        AssertBadInput(result, named);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("--from", "nft", "transfer", "c", "7", "--to", Good)]
    [InlineData("--from", "nft", "approve", "c", "7", "--approved", Good)]
    [InlineData("--device-fingerprint", "recovery", "submit", "r", "--wallet", Good, "--new-owner", "0x0000000000000000000000000000000000000001", "--device-fingerprint", "laptop")]
    public async Task The_cluster_client_needs_the_acting_address_and_cannot_hash_a_fingerprint(string named, params string[] args) =>
        AssertBadInput(await Cli.RunAsync(Cli.Offline(), [.. args, "--gateway", $"127.0.0.1:{FreePorts.Next()}"]), named);

    [Theory]
    [InlineData("--http", "pool", "show", "p", "--http", "ftp://silo.test/")]
    [InlineData("--http", "pool", "show", "p", "--http", "http://silo.test/?region=a")]
    [InlineData("--http", "pool", "show", "p", "--http", "http://user:secret@silo.test/")]
    [InlineData("--operator-key", "pool", "fund", "p", "--amount", "5", "--http", "http://silo.test/")]
    [InlineData("--token", "wallet", "claim", Good, "--pool", "p", "--http", "http://silo.test/")]
    [InlineData("--key", "wallet", "claim", Good, "--pool", "p", "--http", "http://silo.test/", "--key", "0x1234")]
    public async Task Over_http_a_wrong_url_or_a_missing_credential_exits_2_and_sends_nothing(string named, params string[] args)
    {
        using var handler = new RecordingHandler();

        AssertBadInput(await Cli.RunAsync(Cli.Over(handler), args), named);
        Assert.Empty(handler.Requests);
    }

    private static void AssertBadInput(CliResult result, string named)
    {
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Errors}");
        Assert.Contains(named + ":", result.Errors, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
