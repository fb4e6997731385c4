using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests;

/// <summary>Distinct, readable test addresses: <c>Of(0xa)</c> is 0x000…00a.</summary>
internal static class Addresses
{
    public static EthereumAddress Of(long n) => EthereumAddress.Parse("0x" + n.ToString("x40", CultureInfo.InvariantCulture));

    public static string Key(long n) => WalletKeys.Of(Of(n));
}
