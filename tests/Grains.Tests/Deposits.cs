using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests;

/// <summary>Deposits for tests: value a wallet stakes must come from somewhere.</summary>
internal static class Deposits
{
    /// <summary>10^27 base units: a billion whole tokens of 18 decimals, more than any test stakes.</summary>
    public static UInt256 Plenty { get; } = UInt256.Pow10(27);

    /// <summary>Credits <paramref name="amount"/> (default <see cref="Plenty"/>) of the stake asset to <paramref name="wallet"/>, under a fresh reference.</summary>
    public static Task<WalletView> DepositAsync(this IGrainFactory grains, string wallet, UInt256? amount = null) =>
        grains.GetGrain<IDepositGrain>($"test-{Guid.NewGuid():N}").Credit(wallet, PoolAssets.DefaultStake, amount ?? Plenty);
}
