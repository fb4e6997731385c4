using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Actors.Client.Cluster;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Nfts;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.LoadTest;

/// <summary>
/// The run through the cluster client (<c>--gateway</c>): the trusted internal path, calling the grains directly, so no wallet
/// signs in (the session is the wallet's address alone). A refusal is recorded by its <see cref="RequestRejectedException.Code"/>
/// (status 409); a cluster fault as <c>timeout</c> or <c>connection</c> with no answer (the call may have run); anything else
/// by its exception type, counted as a 5xx.
/// </summary>
internal sealed class ClusterTarget(IGrainFactory grains, RunStats stats, TimeProvider time) : ILoadTarget
{
    private const string HealthPool = "loadtest-health";

    public async Task<string?> SetUpAsync(LoadTestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var start = time.GetUtcNow().ToUnixTimeSeconds();
            for (var pool = 0; pool < settings.Pools; pool++)
            {
                var grain = grains.GetGrain<IRewardPoolGrain>(settings.PoolId(pool));
                await grain.Create(new PoolTerms(UInt256.Parse(LoadTestSettings.PoolRate), start, start + (long)TimeSpan.FromDays(36_525).TotalSeconds));
                await grain.Fund($"setup-{settings.RunId}-{pool}", UInt256.Parse(LoadTestSettings.PoolBudget));
            }

            await grains.GetGrain<INftCollectionGrain>(settings.CollectionId).Create(new CollectionTerms("load test"));
            return null;
        }
        catch (Exception error) when (error is RequestRejectedException || ClusterFaults.IsFault(error))
        {
            return $"setting up the run's pools and collection failed: {error.Message}";
        }
    }

    public Task<(string Token, DateTimeOffset ExpiresAt)?> SignInAsync(PrivateKey key, long since) =>
        Task.FromResult<(string, DateTimeOffset)?>((string.Empty, DateTimeOffset.MaxValue));

    public Task<Answer> DepositAsync(string address, string reference, long amount, long since) => CallAsync(
        "deposit", since, () => grains.GetGrain<IDepositGrain>(reference).Credit(Key(address), LoadTestSettings.StakeAsset, (ulong)amount));

    public Task<Answer> StakeAsync(bool stake, string address, string token, string poolId, long amount, long since)
    {
        var wallet = grains.GetGrain<IWalletGrain>(Key(address));
        var operation = Guid.NewGuid().ToString("N");
        return stake
            ? CallAsync("stake", since, () => wallet.Stake(operation, poolId, (ulong)amount))
            : CallAsync("unstake", since, () => wallet.Unstake(operation, poolId, (ulong)amount));
    }

    public Task<Answer> ClaimAsync(string address, string token, string poolId, long since) =>
        CallAsync("claim", since, () => grains.GetGrain<IWalletGrain>(Key(address)).Claim(Guid.NewGuid().ToString("N"), poolId));

    public Task<Answer> MintAsync(string collectionId, string tokenId, string owner, string metadataHash, long since) => CallAsync(
        "mint", since, () => grains.GetGrain<INftTokenGrain>(NftKeys.Token(collectionId, tokenId))
            .Mint(Guid.NewGuid().ToString("N"), EthereumAddress.Parse(owner), Hash32.Parse(metadataHash)));

    public Task<Answer> TransferAsync(string collectionId, string tokenId, string holder, string holderToken, string to, long since) => CallAsync(
        "nft", since, () => grains.GetGrain<INftTokenGrain>(NftKeys.Token(collectionId, tokenId))
            .Transfer(Guid.NewGuid().ToString("N"), EthereumAddress.Parse(holder), EthereumAddress.Parse(to)));

    public Task<Answer> ReadWalletAsync(string address, long since) =>
        CallAsync("read", since, () => grains.GetGrain<IWalletGrain>(Key(address)).Get());

    public Task<Answer> ReadPoolAsync(string poolId, long since) =>
        CallAsync("read", since, () => grains.GetGrain<IRewardPoolGrain>(poolId).GetInfo());

    public Task<Answer> HealthAsync(long since) => CallAsync("health", since, () => grains.GetGrain<IRewardPoolGrain>(HealthPool).GetInfo());

    public async Task<PoolFigures> PoolFiguresAsync(string poolId)
    {
        try
        {
            var info = await grains.GetGrain<IRewardPoolGrain>(poolId).GetInfo();
            return info.Exists
                ? new PoolFigures(poolId, Big(info.TotalShares), Big(info.Emitted), Big(info.Claimed), Big(info.Pending), Big(info.Dust), null)
                : new PoolFigures(poolId, 0, 0, 0, 0, 0, $"pool {poolId} does not exist");
        }
        catch (Exception error) when (error is RequestRejectedException || ClusterFaults.IsFault(error))
        {
            return new PoolFigures(poolId, 0, 0, 0, 0, 0, $"reading pool {poolId} failed: {error.Message}");
        }
    }

    private static string Key(string address) => WalletKeys.Of(EthereumAddress.Parse(address));

    private static BigInteger Big(UInt256 value) => BigInteger.Parse(value.ToString(), CultureInfo.InvariantCulture);

    private async Task<Answer> CallAsync<T>(string kind, long since, Func<Task<T>> call)
    {
        var start = since == 0 ? Stopwatch.GetTimestamp() : since;
        Answer answer;
        try
        {
            await call();
            answer = new Answer(200, null, null);
        }
        catch (RequestRejectedException error)
        {
            answer = new Answer(409, error.Code, null);
        }
        catch (Exception error) when (ClusterFaults.IsFault(error))
        {
            answer = new Answer(0, error is TimeoutException ? "timeout" : "connection", null);
        }
#pragma warning disable CA1031 // any other failure of a grain call is the cluster's error: recorded as a 5xx, the run goes on
        catch (Exception error)
#pragma warning restore CA1031
        {
            answer = new Answer(500, error.GetType().Name, null);
        }

        stats.Record(kind, Stopwatch.GetElapsedTime(start), answer.Error, answer.Status);
        return answer;
    }
}
