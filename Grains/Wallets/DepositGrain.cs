using Actors.Domain.Money;
using Actors.Grains.Interfaces;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Persistence;

namespace Actors.Grains.Wallets;

/// <summary>
/// A deposit reference, credited once across the cluster: the reference is claimed in storage for its wallet, asset and
/// amount before the wallet is credited, so a concurrent or later deposit under the same reference for anything else is
/// refused; a repeat credits the wallet again, which the wallet answers with no second effect (it remembers its references).
/// A wallet's final refusal (a balance at its limit) frees the reference.
/// </summary>
[GrainType("deposit")]
public sealed class DepositGrain([PersistentState("deposit")] IPersistentState<DepositState> state, TimeProvider time) : Grain, IDepositGrain
{
    /// <inheritdoc />
    public async Task<WalletView> Credit(string wallet, string asset, UInt256 amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(wallet);
        var reference = this.GetPrimaryKeyString();
        if (!DepositReferences.IsValid(reference))
        {
            throw RequestRejectedException.Invalid(nameof(reference), $"A deposit reference is 1 to {DepositReferences.MaxLength} printable ASCII characters without spaces.");
        }

        if (state.State.Deposit is { } claimed)
        {
            if ((claimed.Wallet, claimed.Asset, claimed.Amount) != (wallet, asset, amount))
            {
                throw new RequestRejectedException(
                    WalletErrors.DepositReused, $"Deposit '{reference}' was already credited with another wallet, asset or amount.");
            }
        }
        else
        {
            WalletGrain.ValidateCredit(asset, amount);
            state.State.Deposit = new DepositView(reference, wallet, asset, amount, time.GetUtcNow().ToUnixTimeSeconds());
            await state.WriteOrResetAsync(this);
        }

        try
        {
            return await GrainFactory.GetGrain<IWalletGrain>(wallet).CreditDeposit(reference, asset, amount);
        }
        catch (RequestRejectedException) when (state.State.Deposit is not null)
        {
            state.State.Deposit = null;
            await state.WriteOrResetAsync(this);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<DepositView?> Get() => Task.FromResult(state.State.Deposit);
}

/// <summary>The deposit grain's stored state.</summary>
public sealed class DepositState
{
    /// <summary>The deposit, once its reference was claimed.</summary>
    public DepositView? Deposit { get; set; }
}
