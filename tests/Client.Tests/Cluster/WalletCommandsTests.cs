using System.Globalization;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Testing;

namespace Actors.Client.Tests.Cluster;

/// <summary><c>wallet show|deposit|stake|unstake|claim</c> through the cluster client against a real silo.</summary>
[Collection(ClusterSilo.Collection)]
public sealed class WalletCommandsTests(ClusterSilo cluster)
{
    [Fact]
    public async Task Stake_show_and_claim_pay_the_pools_budget_to_its_only_staker_and_a_repeated_stake_counts_once()
    {
        // A budget of 50 at 1,000 a second is all emitted within the first second of staking, to the one staker.
        var wallet = Cli.Address(0x5001).ToString(); // EIP-55 form, checked by the command
        await CreatePoolAsync("cli-stake", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), rate: "1000", budget: "50");
        var deposited = await cluster.RunAsync("wallet", "deposit", wallet, "--amount", "1000", "--reference", "cli-deposit-1");
        var depositedAgain = await cluster.RunAsync("wallet", "deposit", wallet, "--amount", "1000", "--reference", "cli-deposit-1");
        var staked = await cluster.RunAsync("wallet", "stake", wallet, "--pool", "cli-stake", "--amount", "1000", "--op", "stake-1");
        var repeated = await cluster.RunAsync("wallet", "stake", wallet, "--pool", "cli-stake", "--amount", "1000", "--op", "stake-1");
        var pool = cluster.GrainFactory.GetGrain<IRewardPoolGrain>("cli-stake");
        await Wait.UntilAsync(async () => (await pool.GetInfo()).Remaining.IsZero, "the pool to emit its budget", TimeSpan.FromSeconds(10));

        var shown = await cluster.RunAsync("wallet", "show", wallet);
        var claimed = await cluster.RunAsync("wallet", "claim", wallet, "--pool", "cli-stake", "--op", "claim-1");
        var unstaked = await cluster.RunAsync("wallet", "unstake", wallet, "--pool", "cli-stake", "--amount", "400");

        Assert.Equal("1000", deposited.Json.GetProperty("balances")[0].GetProperty("amount").GetString());
        Assert.Equal(deposited.Output, depositedAgain.Output);
        Assert.Equal("1000", staked["staked"]);
        Assert.Equal(staked.Output, repeated.Output);
        var position = Assert.Single(shown.Json.GetProperty("positions").EnumerateArray());
        Assert.Equal("1000", position.GetProperty("staked").GetString());
        Assert.Equal(WalletKeys.Of(Cli.Address(0x5001)), shown["wallet"]);
        Assert.Equal("50", claimed["paid"]);
        Assert.Equal("600", unstaked["staked"]);
        var view = await cluster.GrainFactory.GetGrain<IWalletGrain>(WalletKeys.Of(Cli.Address(0x5001))).Get();
        Assert.Equal((UInt256)50, view.ClaimedRewards);
        Assert.Equal((UInt256)600, (await pool.GetInfo()).TotalShares); // one stake of 1000, less 400
        Assert.Empty(staked.Errors + shown.Errors + claimed.Errors + unstaked.Errors);
    }

    [Fact]
    public async Task Unstaking_more_than_is_staked_is_refused_with_exit_1()
    {
        var wallet = Cli.Address(0x5002).ToString();
        await CreatePoolAsync("cli-unstake", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(0, (await cluster.RunAsync("wallet", "deposit", wallet, "--amount", "10", "--reference", "cli-deposit-2")).Exit);
        Assert.Equal(0, (await cluster.RunAsync("wallet", "stake", wallet, "--pool", "cli-unstake", "--amount", "10")).Exit);

        var refused = await cluster.RunAsync("wallet", "unstake", wallet, "--pool", "cli-unstake", "--amount", "11");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("less than 11", refused.Errors, StringComparison.Ordinal);
        Assert.Empty(refused.Output);
    }

    private async Task CreatePoolAsync(string poolId, DateTimeOffset start, DateTimeOffset end, string rate = "5", string budget = "1000000")
    {
        var created = await cluster.RunAsync("pool", "create", poolId, "--rate", rate, "--starts-at", Iso(start), "--ends-at", Iso(end));
        var funded = await cluster.RunAsync("pool", "fund", poolId, "--amount", budget);
        Assert.Equal((0, 0), (created.Exit, funded.Exit));
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
