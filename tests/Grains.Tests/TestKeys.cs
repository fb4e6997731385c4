using System.Globalization;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Grains.Tests;

/// <summary>
/// The grain keys of one test, distinct from every other test's, so that tests can share a cluster: <c>Address(0xa)</c>,
/// <c>Id("p")</c> and <c>PrivateKey(0x77)</c> mean the same within the test and something else in the next one.
/// </summary>
internal sealed class TestKeys
{
    private static int s_last;
    private readonly long _scope;

    private TestKeys(int scope) => _scope = (long)scope << 32;

    /// <summary>Keys no other test uses.</summary>
    public static TestKeys Next() => new(Interlocked.Increment(ref s_last));

    /// <summary>The test's address numbered <paramref name="n"/>.</summary>
    public EthereumAddress Address(int n) => Addresses.Of(_scope | (uint)n);

    /// <summary>The key of the wallet at <see cref="Address"/>.</summary>
    public string Wallet(int n) => WalletKeys.Of(Address(n));

    /// <summary>The test's id (pool, collection, request) named <paramref name="name"/>.</summary>
    public string Id(string name) => string.Create(CultureInfo.InvariantCulture, $"{name}-{_scope >> 32}");

    /// <summary>The test's private key numbered <paramref name="n"/>, and so an address of its own.</summary>
    public PrivateKey PrivateKey(int n) =>
        Domain.Ethereum.PrivateKey.Parse("0x" + (_scope | (uint)n).ToString("x64", CultureInfo.InvariantCulture));
}
