using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Tests.Cluster;

/// <summary><c>nft collection|mint|transfer|approve|show</c> through the cluster client against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class NftCommandsTests(ClusterSilo cluster)
{
    private const string MetadataHash = "0x1111111111111111111111111111111111111111111111111111111111111111";

    private static readonly string Owner = Cli.Address(0x6001).ToString(), Buyer = Cli.Address(0x6002).ToString(), Stranger = Cli.Address(0x6003).ToString();

    [Fact]
    public async Task Create_a_collection_mint_transfer_from_the_owner_and_show_the_new_owner()
    {
        var collection = await cluster.RunAsync("nft", "collection", "cli-art", "--name", "CLI Art");
        var minted = await cluster.RunAsync("nft", "mint", "cli-art", "7", "--owner", Owner, "--metadata-hash", MetadataHash);
        var transferred = await cluster.RunAsync("nft", "transfer", "cli-art", "7", "--to", Buyer, "--from", Owner, "--op", "move-1");
        var repeated = await cluster.RunAsync("nft", "transfer", "cli-art", "7", "--to", Buyer, "--from", Owner, "--op", "move-1");
        var shown = await cluster.RunAsync("nft", "show", "cli-art", "7");

        Assert.Equal("CLI Art", collection["name"]);
        Assert.Equal(WalletKeys.Of(Cli.Address(0x6001)), minted["owner"]);
        Assert.Equal(MetadataHash, minted["metadataHash"]);
        Assert.Equal(WalletKeys.Of(Cli.Address(0x6002)), transferred["owner"]);
        Assert.Equal(transferred.Output, repeated.Output);
        Assert.Equal(WalletKeys.Of(Cli.Address(0x6002)), shown["owner"]);
        Assert.Equal(2, shown.Json.GetProperty("provenance").GetArrayLength()); // the mint and one transfer
        Assert.Equal(Cli.Address(0x6002), (await cluster.GrainFactory.GetGrain<INftTokenGrain>(NftKeys.Token("cli-art", "7")).Get()).Owner);
    }

    [Fact]
    public async Task Approve_lets_another_address_transfer_and_a_stranger_is_refused()
    {
        Assert.Equal(0, (await cluster.RunAsync("nft", "collection", "cli-approve", "--name", "Approvals")).Exit);
        Assert.Equal(0, (await cluster.RunAsync("nft", "mint", "cli-approve", "1", "--owner", Owner, "--metadata-hash", MetadataHash)).Exit);

        var refused = await cluster.RunAsync("nft", "transfer", "cli-approve", "1", "--to", Stranger, "--from", Stranger);
        var approved = await cluster.RunAsync("nft", "approve", "cli-approve", "1", "--approved", Buyer, "--from", Owner);
        var moved = await cluster.RunAsync("nft", "transfer", "cli-approve", "1", "--to", Buyer, "--from", Buyer);
        var missing = await cluster.RunAsync("nft", "show", "cli-approve", "2");

        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("refused (not_authorized): ", refused.Errors, StringComparison.Ordinal);
        Assert.Empty(refused.Output);
        Assert.Equal(WalletKeys.Of(Cli.Address(0x6002)), approved["approved"]);
        Assert.Equal(WalletKeys.Of(Cli.Address(0x6002)), moved["owner"]);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("does not exist", missing.Errors, StringComparison.Ordinal);
    }
}
