using System.Globalization;
using Actors.Domain.Ethereum;

namespace Actors.Client.LoadTest;

/// <summary>
/// The scenarios as requests: one step of one wallet, signing it in first when it holds no session (SIWE: nonce, then the signed
/// message). A step whose scenario needs what the wallet lacks does what it needs instead: a stake without balance deposits, an
/// unstake or claim without a position stakes, an NFT transfer before the mint mints. Only acknowledged answers change the ledgers.
/// </summary>
internal sealed class WalletSteps(
    LoadTestSettings settings, LoadClient client, SimulatedWallets wallets, SessionCache sessions, WalletLedger ledger, PoolLedger pools,
    TimeProvider time)
{
    /// <summary>What a deposit credits, in base units of the stake asset.</summary>
    public const long DepositAmount = 1000;

    private const long MaxStake = 100;

    private long _deposits;

    /// <summary>Runs one step of <paramref name="wallet"/> (which the caller holds); <paramref name="since"/> is its intended start.</summary>
    public async Task RunAsync(Scenario scenario, int wallet, long since)
    {
        if (scenario == Scenario.Health)
        {
            await client.WalletAsync("health", HttpMethod.Get, "healthz", null, null, since);
            return;
        }

        if (await SessionAsync(wallet, since) is not var (address, token, signedIn))
        {
            return;
        }

        // The intended start counts toward the step's first request only: the sign-in's when there was one.
        since = signedIn ? 0 : since;

        switch (scenario)
        {
            case Scenario.Deposit:
                await DepositAsync(wallet, address, since);
                break;
            case Scenario.Stake:
                await StakeAsync(wallet, address, token, since);
                break;
            case Scenario.Unstake or Scenario.Claim when ledger.Staked(wallet) == 0:
                await StakeAsync(wallet, address, token, since);
                break;
            case Scenario.Unstake:
                await UnstakeAsync(wallet, address, token, since);
                break;
            case Scenario.Claim:
                await WalletCallAsync("claim", wallet, $"api/wallets/{address}/claim", new { poolId = PoolOf(wallet) }, token, since);
                break;
            case Scenario.Nft:
                await NftAsync(wallet, address, token, since);
                break;
            default:
                await ReadAsync(wallet, address, since);
                break;
        }
    }

    private string PoolOf(int wallet) => settings.PoolId(wallet % settings.Pools);

    // The wallet's cached session, or a new sign-in; null when sign-in failed (recorded).
    private async Task<(string Address, string Token, bool SignedIn)?> SessionAsync(int wallet, long since)
    {
        if (sessions.Get(wallet, time.GetUtcNow()) is var (cachedAddress, cachedToken))
        {
            return (cachedAddress, cachedToken, false);
        }

        var key = wallets.Key(wallet);
        var address = key.Address.ToString();
        var nonce = await client.WalletAsync("signin", HttpMethod.Post, "api/auth/nonce", new { address }, null, since, read: true);
        if (nonce["message"] is not { } message)
        {
            return null;
        }

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

        var expiresAt = verified["expiresAt"] is { } expiry && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, out var at)
            ? at
            : time.GetUtcNow();
        sessions.Put(wallet, address, token, expiresAt);
        return (address, token, true);
    }

    private async Task DepositAsync(int wallet, string address, long since)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"loadtest-{settings.RunId}-{Interlocked.Increment(ref _deposits)}");
        var body = new { asset = "STAKE", amount = DepositAmount.ToString(CultureInfo.InvariantCulture), reference };
        if ((await client.OperatorAsync("deposit", HttpMethod.Post, $"api/wallets/{address}/deposits", body, since)).Succeeded)
        {
            ledger.Deposited(wallet, DepositAmount);
        }
    }

    private async Task StakeAsync(int wallet, string address, string token, long since)
    {
        var balance = ledger.Balance(wallet);
        if (balance <= 0)
        {
            await DepositAsync(wallet, address, since);
            return;
        }

        await MoveAsync(stake: true, wallet, address, token, Math.Min(balance, Random.Shared.NextInt64(1, MaxStake + 1)), since);
    }

    private Task UnstakeAsync(int wallet, string address, string token, long since) =>
        MoveAsync(stake: false, wallet, address, token, Math.Min(ledger.Staked(wallet), Random.Shared.NextInt64(1, MaxStake + 1)), since);

    // A stake or unstake of amount; acknowledged, it moves the ledgers; unanswered, the pool's bounds widen by it.
    private async Task MoveAsync(bool stake, int wallet, string address, string token, long amount, long since)
    {
        var (kind, pool) = (stake ? "stake" : "unstake", wallet % settings.Pools);
        var body = new { poolId = PoolOf(wallet), amount = amount.ToString(CultureInfo.InvariantCulture) };
        var answer = await WalletCallAsync(kind, wallet, $"api/wallets/{address}/{kind}", body, token, since);
        if (answer.Succeeded)
        {
            ledger.Stake(wallet, stake ? amount : -amount);
            (stake ? (Action<int, long>)pools.Staked : pools.Unstaked)(pool, amount);
        }
        else if (answer.Unanswered)
        {
            (stake ? (Action<int, long>)pools.UncertainStake : pools.UncertainUnstake)(pool, amount);
        }
    }

    // Token id = wallet index; the token moves between the wallet and its partner, whichever holds it sending it.
    private async Task NftAsync(int wallet, string address, string token, long since)
    {
        if (ledger.Partner(wallet) is not { } partner || !ledger.TryTake(partner))
        {
            await ReadAsync(wallet, address, since);
            return;
        }

        try
        {
            var tokenPath = string.Create(CultureInfo.InvariantCulture, $"api/collections/{settings.CollectionId}/tokens");
            if (!ledger.Minted(wallet))
            {
                var hash = Keccak256.Hash(BitConverter.GetBytes(wallet));
                var body = new { tokenId = wallet.ToString(CultureInfo.InvariantCulture), owner = address, metadataHash = "0x" + Convert.ToHexStringLower(hash) };
                if ((await client.OperatorAsync("mint", HttpMethod.Post, tokenPath, body, since)).Succeeded)
                {
                    ledger.Mint(wallet);
                }

                return;
            }

            if (await SessionAsync(partner, since) is not var (partnerAddress, partnerToken, partnerSignedIn))
            {
                return;
            }

            since = partnerSignedIn ? 0 : since;

            var (holder, holderToken, to) = ledger.WithPartner(wallet) ? (partner, partnerToken, address) : (wallet, token, partnerAddress);
            var path = string.Create(CultureInfo.InvariantCulture, $"{tokenPath}/{wallet}/transfer");
            if ((await WalletCallAsync("nft", holder, path, new { to }, holderToken, since)).Succeeded)
            {
                ledger.Moved(wallet);
            }
        }
        finally
        {
            ledger.Release(partner);
        }
    }

    private Task ReadAsync(int wallet, string address, long since) => ledger.Exists(wallet)
        ? client.WalletAsync("read", HttpMethod.Get, $"api/wallets/{address}", null, null, since)
        : client.WalletAsync("read", HttpMethod.Get, $"api/pools/{PoolOf(wallet)}", null, null, since);

    // A wallet's own call; a refused session is forgotten, so that the next step signs in again.
    private async Task<Answer> WalletCallAsync(string kind, int wallet, string path, object body, string token, long since)
    {
        var answer = await client.WalletAsync(kind, HttpMethod.Post, path, body, token, since);
        if (answer.Status == 401)
        {
            sessions.Evict(wallet);
        }

        return answer;
    }
}
