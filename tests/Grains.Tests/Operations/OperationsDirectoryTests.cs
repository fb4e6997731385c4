using Actors.Domain.Money;
using Actors.Grains.Interfaces.Operations;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Tests.Rewards;
using Actors.Testing;

namespace Actors.Grains.Tests.Operations;

/// <summary>The operations directory as pools and wallets keep it, and the pool's count of stakers.</summary>
[Collection(SharedGrainCluster.Collection)]
public sealed class OperationsDirectoryTests(SharedGrainCluster cluster)
{
    private readonly TestKeys _keys = TestKeys.Next();

    private IOperationsDirectoryGrain Directory => cluster.Grains.GetGrain<IOperationsDirectoryGrain>(IOperationsDirectoryGrain.Key);

    [Fact]
    public async Task A_created_pool_is_listed_and_counts_wallets_with_shares_as_stakers()
    {
        var id = _keys.Id("pool");
        var pool = await StakingTests.CreatePoolAsync(cluster.Grains, cluster.Time, id, UInt256.One, 1_000 * UInt256.One);
        var a = await FundedAsync(0xa);
        var b = await FundedAsync(0xb);

        await a.Stake("a-1", id, 5 * UInt256.One);
        await a.Stake("a-2", id, 5 * UInt256.One);
        await b.Stake("b-1", id, 5 * UInt256.One);
        var both = (await pool.GetInfo()).Stakers;
        await a.Unstake("a-3", id, 10 * UInt256.One);
        var one = (await pool.GetInfo()).Stakers;

        Assert.Contains(id, await Directory.List(DirectoryList.Pools));
        Assert.Equal(2, both);
        Assert.Equal(1, one);
    }

    [Fact]
    public async Task A_frozen_wallet_is_listed_until_its_last_reason_is_lifted()
    {
        var key = _keys.Wallet(0xc);
        var wallet = await FundedAsync(0xc);

        await wallet.Freeze("f-1", "operator");
        await wallet.Freeze("f-2", "aml_review");
        var whileFrozen = await Directory.List(DirectoryList.FrozenWallets);
        await wallet.Unfreeze("u-1", "operator");
        var stillFrozen = await Directory.List(DirectoryList.FrozenWallets);
        await wallet.Unfreeze("u-2", "aml_review");
        var lifted = await Directory.List(DirectoryList.FrozenWallets);

        Assert.Contains(key, whileFrozen);
        Assert.Contains(key, stillFrozen);
        Assert.DoesNotContain(key, lifted);
    }

    [Fact]
    public async Task Adding_twice_lists_once_and_removing_an_absent_id_changes_nothing()
    {
        var id = _keys.Id("r");

        await Directory.Add(DirectoryList.Recoveries, id);
        await Directory.Add(DirectoryList.Recoveries, id);
        var listed = await Directory.List(DirectoryList.Recoveries);
        await Directory.Remove(DirectoryList.Recoveries, id);
        await Directory.Remove(DirectoryList.Recoveries, id);

        Assert.Single(listed, x => x == id);
        Assert.DoesNotContain(id, await Directory.List(DirectoryList.Recoveries));
    }

    private async Task<IWalletGrain> FundedAsync(int n)
    {
        await cluster.Grains.DepositAsync(_keys.Wallet(n));
        return cluster.Grains.GetGrain<IWalletGrain>(_keys.Wallet(n));
    }
}
