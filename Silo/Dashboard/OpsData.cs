using Actors.Grains.Interfaces.Operations;
using Actors.Grains.Interfaces.Recovery;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Silo.Dashboard;

/// <summary>
/// What the operator pages show, read from the grains the operations directory names: each listed pool, recovery and wallet
/// is asked for what it is now (at most <see cref="MaxShown"/> of each list, read in parallel).
/// </summary>
internal sealed class OpsData(IGrainFactory grains, TimeProvider time)
{
    public const int MaxShown = 500;

    private IOperationsDirectoryGrain Directory => grains.GetGrain<IOperationsDirectoryGrain>(IOperationsDirectoryGrain.Key);

    public async Task<PoolsSnapshot> PoolsAsync()
    {
        var ids = await Directory.List(DirectoryList.Pools);
        var pools = await Task.WhenAll(ids.Take(MaxShown).Select(id => grains.GetGrain<IRewardPoolGrain>(id).GetInfo()));
        return new PoolsSnapshot(
            time.GetUtcNow(), ids.Count,
            [.. pools.Where(p => p.Exists).Select(p => new PoolRow(
                p.PoolId, p.RatePerSecond.ToString(), p.Budget.ToString(), p.Emitted.ToString(), p.Claimed.ToString(), p.Pending.ToString(),
                p.Dust.ToString(), p.Remaining.ToString(), p.Stakers, p.TotalShares.ToString(), p.StakeAsset, p.RewardAsset,
                DateTimeOffset.FromUnixTimeSeconds(p.StartTime), DateTimeOffset.FromUnixTimeSeconds(p.EndTime)))]);
    }

    /// <summary>
    /// Recoveries in flight: awaiting approvals or a review within their lifetime, or timelocked. One found ended (or expired
    /// unnoticed) is shown no more, and the directory forgets it: an ended request never opens again.
    /// </summary>
    public async Task<(IReadOnlyList<RecoveryView> Open, int Listed)> RecoveriesAsync()
    {
        var ids = await Directory.List(DirectoryList.Recoveries);
        var views = await Task.WhenAll(ids.Take(MaxShown).Select(id => grains.GetGrain<IRecoveryRequestGrain>(id).Get()));
        var now = time.GetUtcNow();
        var open = new List<RecoveryView>();
        foreach (var view in views)
        {
            var inFlight = view.Exists && (view.Status == RecoveryStatus.Timelocked
                || (view.Status is RecoveryStatus.AwaitingApprovals or RecoveryStatus.AwaitingReview && !(view.ExpiresAt <= now)));
            if (inFlight)
            {
                open.Add(view);
            }
            else if (view.Exists)
            {
                await Directory.Remove(DirectoryList.Recoveries, view.RequestId);
            }
        }

        return (open, ids.Count);
    }

    /// <summary>Frozen wallets with their reasons (a wallet leaves the directory itself when its last reason is lifted).</summary>
    public async Task<(IReadOnlyList<WalletView> Frozen, int Listed)> FrozenWalletsAsync()
    {
        var ids = await Directory.List(DirectoryList.FrozenWallets);
        var views = await Task.WhenAll(ids.Take(MaxShown).Select(id => grains.GetGrain<IWalletGrain>(id).Get()));
        return ([.. views.Where(v => v.Frozen)], ids.Count);
    }
}

/// <summary>Every pool as of <paramref name="AsOf"/>; <paramref name="Listed"/> counts the pools beyond those shown, too.</summary>
internal sealed record PoolsSnapshot(DateTimeOffset AsOf, int Listed, IReadOnlyList<PoolRow> Pools);

/// <summary>One pool's figures, amounts as decimal strings of base units.</summary>
internal sealed record PoolRow(
    string PoolId, string RatePerSecond, string Budget, string Emitted, string Claimed, string Pending, string Dust, string Remaining,
    int Stakers, string TotalShares, string StakeAsset, string RewardAsset, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
