using Orleans.Concurrency;
using Actors.Domain.Money;

namespace Actors.Grains.Interfaces.Wallets;

/// <summary>
/// A deposit, keyed by its external reference (for a chain transfer <c>0x&lt;txhash&gt;:&lt;logIndex&gt;</c>): it credits one
/// wallet once, whoever sends it and however often. The first credit claims the reference for its wallet, asset and amount;
/// the same again answers the wallet's balances with no second effect, anything else under the reference is refused with
/// <see cref="WalletErrors.DepositReused"/>.
/// </summary>
public interface IDepositGrain : IGrainWithStringKey
{
    /// <summary>Credits <paramref name="amount"/> of <paramref name="asset"/> to <paramref name="wallet"/> once; returns the wallet.</summary>
    Task<WalletView> Credit(string wallet, string asset, UInt256 amount);

    /// <summary>The deposit as credited, or null when the reference was never used.</summary>
    [ReadOnly]
    Task<DepositView?> Get();
}

/// <summary>A deposit: the wallet credited, the asset and amount, and when (Unix seconds).</summary>
[GenerateSerializer]
[Immutable]
[Alias("actors.DepositView")]
public sealed record DepositView(
    [property: Id(0)] string Reference,
    [property: Id(1)] string Wallet,
    [property: Id(2)] string Asset,
    [property: Id(3)] UInt256 Amount,
    [property: Id(4)] long At);

/// <summary>Deposit references.</summary>
public static class DepositReferences
{
    /// <summary>The longest reference.</summary>
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="text"/> is a reference: 1 to 128 printable ASCII characters without spaces.</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) =>
        text is { Length: > 0 and <= MaxLength } && text.All(c => c is > ' ' and <= '~');
}
