using System.Globalization;
using Actors.Domain.Ethereum;

namespace Actors.Client.LoadTest;

/// <summary>
/// The scenarios as steps: one step of one wallet, signing it in first when it holds no session (over REST: SIWE nonce, then
/// the signed message). A step whose scenario needs what the wallet lacks does what it needs first and then its own operation:
/// a stake without balance deposits and stakes, an unstake or claim without a position stakes (depositing first when it must)
/// and then unstakes or claims, so that among millions of wallets, most met for the first time, a step still ends in the
/// operation its scenario names. An NFT transfer before the mint mints. Only acknowledged answers change the ledgers.
/// </summary>
internal sealed class WalletSteps(
    LoadTestSettings settings, ILoadTarget target, SimulatedWallets wallets, SessionCache sessions, WalletLedger ledger, PoolLedger pools,
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
            await target.HealthAsync(since);
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
            case Scenario.Unstake:
                since = await StakedFirstAsync(wallet, address, token, since);
                if (ledger.Staked(wallet) > 0)
                {
                    await MoveAsync(stake: false, wallet, address, token, Math.Min(ledger.Staked(wallet), Random.Shared.NextInt64(1, MaxStake + 1)), since);
                }

                break;
            case Scenario.Claim:
                since = await StakedFirstAsync(wallet, address, token, since);
                if (ledger.Staked(wallet) > 0)
                {
                    Forget(wallet, await target.ClaimAsync(address, token, PoolOf(wallet), since));
                }

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
        if (await target.SignInAsync(key, since) is not var (token, expiresAt))
        {
            return null;
        }

        var address = key.Address.ToString();
        sessions.Put(wallet, address, token, expiresAt);
        return (address, token, true);
    }

    private async Task DepositAsync(int wallet, string address, long since)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"loadtest-{settings.RunId}-{Interlocked.Increment(ref _deposits)}");
        if ((await target.DepositAsync(address, reference, DepositAmount, since)).Succeeded)
        {
            ledger.Deposited(wallet, DepositAmount);
        }
    }

    // Stakes first when the wallet has no position; returns the intended start of the step's next request (none once one ran).
    private async Task<long> StakedFirstAsync(int wallet, string address, string token, long since)
    {
        if (ledger.Staked(wallet) > 0)
        {
            return since;
        }

        await StakeAsync(wallet, address, token, since);
        return 0;
    }

    // A stake, after a deposit when the wallet holds nothing.
    private async Task StakeAsync(int wallet, string address, string token, long since)
    {
        if (ledger.Balance(wallet) <= 0)
        {
            await DepositAsync(wallet, address, since);
            since = 0;
            if (ledger.Balance(wallet) <= 0)
            {
                return;
            }
        }

        await MoveAsync(stake: true, wallet, address, token, Math.Min(ledger.Balance(wallet), Random.Shared.NextInt64(1, MaxStake + 1)), since);
    }

    // A stake or unstake of amount; acknowledged, it moves the ledgers; unanswered, the pool's bounds widen by it.
    private async Task MoveAsync(bool stake, int wallet, string address, string token, long amount, long since)
    {
        var pool = wallet % settings.Pools;
        var answer = Forget(wallet, await target.StakeAsync(stake, address, token, PoolOf(wallet), amount, since));
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
            var tokenId = wallet.ToString(CultureInfo.InvariantCulture);
            if (!ledger.Minted(wallet))
            {
                var hash = "0x" + Convert.ToHexStringLower(Keccak256.Hash(BitConverter.GetBytes(wallet)));
                if ((await target.MintAsync(settings.CollectionId, tokenId, address, hash, since)).Succeeded)
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
            var (holder, holderAddress, holderToken, to) = ledger.WithPartner(wallet)
                ? (partner, partnerAddress, partnerToken, address)
                : (wallet, address, token, partnerAddress);
            if (Forget(holder, await target.TransferAsync(settings.CollectionId, tokenId, holderAddress, holderToken, to, since)).Succeeded)
            {
                ledger.Moved(wallet);
            }
        }
        finally
        {
            ledger.Release(partner);
        }
    }

    private Task<Answer> ReadAsync(int wallet, string address, long since) =>
        ledger.Exists(wallet) ? target.ReadWalletAsync(address, since) : target.ReadPoolAsync(PoolOf(wallet), since);

    // A refused session is forgotten, so that the wallet's next step signs in again.
    private Answer Forget(int wallet, Answer answer)
    {
        if (answer.Status == 401)
        {
            sessions.Evict(wallet);
        }

        return answer;
    }
}
