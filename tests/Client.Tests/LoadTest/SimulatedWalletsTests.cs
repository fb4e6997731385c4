using Actors.Client.LoadTest;
using Actors.Domain.Ethereum;

namespace Actors.Client.Tests.LoadTest;

public sealed class SimulatedWalletsTests
{
    [Fact]
    public void Key_SameSeedAndIndex_SameKey()
    {
        var first = new SimulatedWallets("seed-a", 1000);
        var second = new SimulatedWallets("seed-a", 1000);

        Assert.Equal(first.Key(0).Address, second.Key(0).Address);
        Assert.Equal(first.Key(999).Address, second.Key(999).Address);
    }

    [Fact]
    public void Key_DistinctIndexesAndSeeds_DistinctAddresses()
    {
        var wallets = new SimulatedWallets("seed-a", 500);
        var addresses = Enumerable.Range(0, 500).Select(i => wallets.Key(i).Address).ToHashSet();

        Assert.Equal(500, addresses.Count);
        Assert.NotEqual(wallets.Key(7).Address, new SimulatedWallets("seed-b", 500).Key(7).Address);
    }

    [Fact]
    public void Key_IsValid_SignaturesRecoverItsAddress()
    {
        var wallets = new SimulatedWallets("seed-a", 1_000_000);
        foreach (var index in new[] { 0, 1, 123_456, 999_999 })
        {
            var key = wallets.Key(index);
            var signature = PersonalSign.Sign(key, "hello");

            Assert.True(PersonalSign.TryRecover("hello", signature, out var signer));
            Assert.Equal(key.Address, signer);
        }
    }

    [Fact]
    public void Key_MatchesTheDocumentedDerivation()
    {
        // Recomputed independently: keccak256("seed-a" || 5 as 8 bytes big-endian) mod (n - 1) + 1.
        var input = "seed-a"u8.ToArray().Concat(new byte[] { 0, 0, 0, 0, 0, 0, 0, 5 }).ToArray();
        var hash = new System.Numerics.BigInteger(Keccak256.Hash(input), isUnsigned: true, isBigEndian: true);
        var order = System.Numerics.BigInteger.Parse(
            "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, null);
        var expected = (hash % (order - 1)) + 1;
        var key = PrivateKey.Parse("0x" + expected.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..]);

        Assert.Equal(key.Address, new SimulatedWallets("seed-a", 10).Key(5).Address);
    }

    [Fact]
    public void Key_OutsideTheWallets_Throws()
    {
        var wallets = new SimulatedWallets("seed-a", 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => wallets.Key(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => wallets.Key(-1));
    }
}
