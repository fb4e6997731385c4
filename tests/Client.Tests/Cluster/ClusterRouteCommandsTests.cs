using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Tests.Cluster;

/// <summary>The wallet, NFT and recovery commands beyond pools and stakes, through the cluster client against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class ClusterRouteCommandsTests(ClusterSilo cluster) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actors-cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Freeze_blocks_a_withdrawal_until_unfrozen_and_the_withdrawal_is_listed_once()
    {
        var wallet = Cli.Address(0x6001).ToString();
        Assert.Equal(0, (await cluster.RunAsync("wallet", "deposit", wallet, "--amount", "50", "--reference", "cli-route-dep-1")).Exit);

        var frozen = await cluster.RunAsync("wallet", "freeze", wallet, "--reason", "audit");
        var blocked = await cluster.RunAsync("wallet", "withdraw", wallet, "--amount", "20", "--to", Cli.Address(0x6002).ToString());
        var unfrozen = await cluster.RunAsync("wallet", "unfreeze", wallet, "--reason", "audit");
        var withdrawn = await cluster.RunAsync("wallet", "withdraw", wallet, "--amount", "20", "--to", Cli.Address(0x6002).ToString(), "--op", "w-1");
        var repeated = await cluster.RunAsync("wallet", "withdraw", wallet, "--amount", "20", "--to", Cli.Address(0x6002).ToString(), "--op", "w-1");
        var listed = await cluster.RunAsync("wallet", "withdrawals", wallet);
        var recoveryReason = await cluster.RunAsync("wallet", "freeze", wallet, "--reason", "recovery");

        Assert.Contains("audit", frozen.Json.GetProperty("freezeReasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
        Assert.Equal(1, blocked.Exit);
        Assert.StartsWith($"refused ({WalletErrors.Frozen}): ", blocked.Errors, StringComparison.Ordinal);
        Assert.Empty(unfrozen.Json.GetProperty("freezeReasons").EnumerateArray());
        Assert.Equal(withdrawn["withdrawalId"], repeated["withdrawalId"]);
        Assert.Equal("20", Assert.Single(listed.Json.EnumerateArray()).GetProperty("amount").GetString());
        Assert.Equal(2, recoveryReason.Exit);
        Assert.StartsWith("--reason: 'recovery' is held by recoveries only", recoveryReason.Errors, StringComparison.Ordinal);
        var balance = Assert.Single((await cluster.GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(Cli.Address(0x6001))).Get()).Balances);
        Assert.Equal(new AssetBalance("STAKE", 30), balance);
    }

    [Fact]
    public async Task Revenue_operators_dividends_holdings_and_the_collection_through_the_cluster_client()
    {
        var (owner, mover) = (Cli.Address(0x6003).ToString(), Cli.Address(0x6004).ToString());
        Assert.Equal(0, (await cluster.RunAsync("nft", "collection", "cli-div", "--name", "Div")).Exit);
        Assert.Equal(0, (await cluster.RunAsync("nft", "mint", "cli-div", "7", "--owner", owner, "--metadata-hash", "0x" + new string('e', 64))).Exit);

        var revenue = await cluster.RunAsync("nft", "revenue", "cli-div", "--amount", "90", "--op", "rev-1");
        var again = await cluster.RunAsync("nft", "revenue", "cli-div", "--amount", "90", "--op", "rev-1");
        Assert.Equal(0, (await cluster.RunAsync("wallet", "operator", owner, "--collection", "cli-div", "--operator", mover)).Exit);
        var moved = await cluster.RunAsync("nft", "transfer", "cli-div", "7", "--to", mover, "--from", mover);
        var claimed = await cluster.RunAsync("wallet", "dividends", owner, "--collection", "cli-div");
        var holdings = await cluster.RunAsync("wallet", "holdings", mover, "--collection", "cli-div");
        var shown = await cluster.RunAsync("nft", "collection-show", "cli-div");
        var missing = await cluster.RunAsync("nft", "collection-show", "cli-no-such-collection");

        Assert.Equal("90", revenue["deposited"]);
        Assert.Equal("90", again["deposited"]); // the same operation id deposits once
        Assert.Equal(mover.ToLowerInvariant(), moved["owner"]!.ToLowerInvariant());
        Assert.Equal("90", claimed["paid"]);
        Assert.Equal("7", Assert.Single(holdings.Json.GetProperty("tokens").EnumerateArray()).GetProperty("tokenId").GetString());
        Assert.Equal("1", shown["supply"]);
        Assert.Equal(1, missing.Exit);
        Assert.StartsWith("not found: ", missing.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guardians_then_a_review_refused_before_approvals_and_a_cancel_signed_with_the_owners_key_file()
    {
        var owner = Cli.Key(0x6005);
        var keyFile = Path.Combine(_folder, "owner.key");
        await File.WriteAllTextAsync(keyFile, Cli.KeyText(0x6005));
        var guarded = await cluster.RunAsync("wallet", "guardians", owner.Address.ToString(), "--guardian", Cli.Address(0x6006).ToString(), "--guardian", Cli.Address(0x6007).ToString());
        Assert.Equal(0, (await cluster.RunAsync("recovery", "submit", "cli-cancel", "--wallet", owner.Address.ToString(), "--new-owner", Cli.Address(0x6008).ToString())).Exit);

        var review = await cluster.RunAsync("recovery", "review", "cli-cancel", "--approve");
        var cancelled = await cluster.RunAsync("recovery", "cancel", "cli-cancel", "--key-file", keyFile);

        Assert.Equal(2, guarded.Json.GetProperty("guardians").GetArrayLength());
        Assert.Equal(1, review.Exit);
        Assert.StartsWith("refused (", review.Errors, StringComparison.Ordinal);
        Assert.Equal("Cancelled", cancelled["status"]);
        Assert.Equal(RecoveryStatus.Cancelled, (await cluster.GrainFactory.GetGrain<IRecoveryRequestGrain>("cli-cancel").Get()).Status);
    }
}
