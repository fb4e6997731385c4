using System.Globalization;
using Actors.Domain.Ethereum;

namespace Actors.Client.LoadTest;

/// <summary>The run over a silo's REST API: SIWE sign-in, bearer tokens for wallet routes, the operator key for operator routes.</summary>
internal sealed class RestTarget(LoadClient client, LoadClient unrecorded) : ILoadTarget
{
    public async Task<string?> SetUpAsync(LoadTestSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        for (var pool = 0; pool < settings.Pools; pool++)
        {
            var id = settings.PoolId(pool);
            var created = await unrecorded.OperatorAsync("setup", HttpMethod.Put, $"api/pools/{id}", new { ratePerSecond = LoadTestSettings.PoolRate });
            var funded = created.Succeeded
                ? await unrecorded.OperatorAsync("setup", HttpMethod.Post, $"api/pools/{id}/fund", new { amount = LoadTestSettings.PoolBudget })
                : created;
            if (!funded.Succeeded)
            {
                return $"setting up pool {id} failed: {funded.Status} {funded.Error}";
            }
        }

        var collection = await unrecorded.OperatorAsync("setup", HttpMethod.Put, $"api/collections/{settings.CollectionId}", new { name = "load test" });
        return collection.Succeeded ? null : $"setting up collection {settings.CollectionId} failed: {collection.Status} {collection.Error}";
    }

    public async Task<(string Token, DateTimeOffset ExpiresAt)?> SignInAsync(PrivateKey key, long since)
    {
        ArgumentNullException.ThrowIfNull(key);
        var address = key.Address.ToString();
        var nonce = await client.WalletAsync("signin", HttpMethod.Post, "api/auth/nonce", new { address }, null, since, read: true);
        if (nonce["message"] is not { } message)
        {
            return null;
        }

        // Sign only a sign-in for this wallet's own address, whatever else a silo might send.
        if (!SiweMessage.TryParse(message, out var parsed, out _) || parsed.Address != key.Address)
        {
            throw new InvalidOperationException($"the silo sent no EIP-4361 sign-in message for {address}; nothing was signed");
        }

        var signature = PersonalSign.Sign(key, message).ToString();
        var verified = await client.WalletAsync("signin", HttpMethod.Post, "api/auth/verify", new { message, signature }, null, read: true);
        if (verified["token"] is not { } token)
        {
            return null;
        }

        var expiresAt = verified["expiresAt"] is { } expiry && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, out var at) ? at : default;
        return (token, expiresAt);
    }

    public Task<Answer> DepositAsync(string address, string reference, long amount, long since) => client.OperatorAsync(
        "deposit", HttpMethod.Post, $"api/wallets/{address}/deposits",
        new { asset = LoadTestSettings.StakeAsset, amount = amount.ToString(CultureInfo.InvariantCulture), reference }, since);

    public Task<Answer> StakeAsync(bool stake, string address, string token, string poolId, long amount, long since)
    {
        var kind = stake ? "stake" : "unstake";
        return client.WalletAsync(
            kind, HttpMethod.Post, $"api/wallets/{address}/{kind}", new { poolId, amount = amount.ToString(CultureInfo.InvariantCulture) }, token, since);
    }

    public Task<Answer> ClaimAsync(string address, string token, string poolId, long since) =>
        client.WalletAsync("claim", HttpMethod.Post, $"api/wallets/{address}/claim", new { poolId }, token, since);

    public Task<Answer> MintAsync(string collectionId, string tokenId, string owner, string metadataHash, long since) =>
        client.OperatorAsync("mint", HttpMethod.Post, $"api/collections/{collectionId}/tokens", new { tokenId, owner, metadataHash }, since);

    public Task<Answer> TransferAsync(string collectionId, string tokenId, string holder, string holderToken, string to, long since) =>
        client.WalletAsync("nft", HttpMethod.Post, $"api/collections/{collectionId}/tokens/{tokenId}/transfer", new { to }, holderToken, since);

    public Task<Answer> ReadWalletAsync(string address, long since) =>
        client.WalletAsync("read", HttpMethod.Get, $"api/wallets/{address}", null, null, since);

    public Task<Answer> ReadPoolAsync(string poolId, long since) =>
        client.WalletAsync("read", HttpMethod.Get, $"api/pools/{poolId}", null, null, since);

    public Task<Answer> HealthAsync(long since) => client.WalletAsync("health", HttpMethod.Get, "healthz", null, null, since);

    public async Task<PoolFigures> PoolFiguresAsync(string poolId) =>
        PoolFigures.Read(poolId, await unrecorded.WalletAsync("check", HttpMethod.Get, $"api/pools/{poolId}", null, null, read: true));
}
