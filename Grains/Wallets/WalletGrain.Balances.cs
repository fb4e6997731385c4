using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Telemetry;

namespace Actors.Grains.Wallets;

/// <summary>
/// Balances: credited only by deposits with a unique reference, drawn on by stakes (moved back by unstakes), credited by
/// claims, and debited into withdrawal requests. For every asset, the balance is the credited deposits, less what stakes
/// drew, plus what unstakes returned and claims paid, less what withdrawals took.
/// </summary>
public sealed partial class WalletGrain
{
    /// <summary>Withdrawal requests a wallet keeps; the oldest are forgotten beyond it.</summary>
    public const int RememberedWithdrawals = 256;

    /// <summary>The status of a withdrawal request until it is sent.</summary>
    public const string WithdrawalRequested = "requested";

    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <inheritdoc />
    public async Task<WalletView> CreditDeposit(string reference, string asset, UInt256 amount)
    {
        if (!DepositReferences.IsValid(reference))
        {
            throw RequestRejectedException.Invalid(nameof(reference), $"A deposit reference is 1 to {DepositReferences.MaxLength} printable ASCII characters without spaces.");
        }

        if (state.State.Deposits?.GetValueOrDefault(reference) is { } credited)
        {
            return (credited.Asset, credited.Amount) == (asset, amount)
                ? Snapshot()
                : throw new RequestRejectedException(WalletErrors.DepositReused, $"Deposit '{reference}' was already credited with another asset or amount.");
        }

        ValidateCredit(asset, amount);
        if (amount > RewardPoolMath.MaxAmount - BalanceOf(asset))
        {
            throw RequestRejectedException.Invalid(nameof(amount), $"A balance holds at most 2^128-1 base units; this wallet holds {BalanceOf(asset)} {asset}.");
        }

        (state.State.Deposits ??= new(StringComparer.Ordinal))[reference] = new DepositRecord(asset, amount, Now);
        AddToBalance(asset, amount, subtract: false);
        await WriteAsync();
        ActorsMetrics.Deposited(asset);
        WalletLog.Deposited(logger, GrainKey, amount, asset, reference);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<WithdrawalView> Withdraw(string operationId, string asset, UInt256 amount, EthereumAddress to)
    {
        Validate(operationId, poolId: null);
        ArgumentNullException.ThrowIfNull(to);
        var request = $"{amount}\n{to.ToLowerHex()}";
        if (Repeat<WithdrawalView>(operationId, "withdraw", asset, request) is { } done)
        {
            return done;
        }

        ValidateCredit(asset, amount);
        if (to.ToLowerHex() == ZeroAddress)
        {
            throw RequestRejectedException.Invalid(nameof(to), "A withdrawal cannot be paid to the zero address.");
        }

        RefuseDuringRecoveryEscrow("a withdrawal");
        Admit("a withdrawal", blockedByFreeze: true, stepUp: true);
        await FinishPendingAsync();
        var balance = BalanceOf(asset);
        if (balance < amount)
        {
            throw new RequestRejectedException(
                WalletErrors.InsufficientBalance, $"Wallet '{GrainKey}' holds {balance} {asset}, less than the {amount} to withdraw.");
        }

        var withdrawal = new WithdrawalView(WithdrawalId(operationId), asset, amount, to, WithdrawalRequested, Now);
        AddToBalance(asset, amount, subtract: true);
        var withdrawals = state.State.Withdrawals ??= [];
        withdrawals.Add(withdrawal);
        if (withdrawals.Count > RememberedWithdrawals)
        {
            withdrawals.RemoveRange(0, withdrawals.Count - RememberedWithdrawals);
        }

        var remembered = await RememberAsync(operationId, "withdraw", asset, request, withdrawal);
        ActorsMetrics.Withdrawn(asset);
        WalletLog.WithdrawalRequested(logger, GrainKey, withdrawal.WithdrawalId, amount, asset, to.ToLowerHex());
        return remembered;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WithdrawalView>> GetWithdrawals() => Task.FromResult<IReadOnlyList<WithdrawalView>>([.. state.State.Withdrawals ?? []]);

    /// <summary>Refuses an asset code that is not one, or an amount of zero or above 2^128-1.</summary>
    internal static void ValidateCredit(string asset, UInt256 amount)
    {
        if (!Ids.IsAsset(asset))
        {
            throw RequestRejectedException.Invalid(nameof(asset), "An asset is an uppercase letter and up to 15 uppercase letters or digits.");
        }

        if (amount.IsZero || amount > RewardPoolMath.MaxAmount)
        {
            throw RequestRejectedException.Invalid(nameof(amount), "An amount is 1 to 2^128-1 base units.");
        }
    }

    private UInt256 BalanceOf(string asset) => state.State.Balances?.GetValueOrDefault(asset) ?? default;

    // Adds to (or subtracts from) a balance in memory; the caller's next write stores it. An emptied balance is dropped.
    private void AddToBalance(string asset, UInt256 amount, bool subtract)
    {
        if (amount.IsZero)
        {
            return;
        }

        var balances = state.State.Balances ??= new(StringComparer.Ordinal);
        var after = subtract ? BalanceOf(asset) - amount : BalanceOf(asset) + amount;
        if (after.IsZero)
        {
            balances.Remove(asset);
        }
        else
        {
            balances[asset] = after;
        }
    }

    private List<AssetBalance> Balances() =>
        [.. (state.State.Balances ?? []).OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new AssetBalance(b.Key, b.Value))];

    // Unique across the cluster and the same for a repeat: the wallet and the operation id, hashed.
    private string WithdrawalId(string operationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{GrainKey}\n{operationId}")))[..32];
}
