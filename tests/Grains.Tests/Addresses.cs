using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests;

/// <summary>Distinct, readable test addresses: <c>Of(0xa)</c> is 0x000…00a.</summary>
internal static class Addresses
{
    public static EthereumAddress Of(int n) => EthereumAddress.Parse("0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture));

    public static string Key(int n) => WalletKeys.Of(Of(n));
}
