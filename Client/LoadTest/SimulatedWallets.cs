using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Actors.Domain.Ethereum;

namespace Actors.Client.LoadTest;

/// <summary>
/// The keys of the simulated wallets, derived on demand from a seed so that a million wallets cost no memory: wallet i's key is
/// keccak256(seed || i as 8 bytes big-endian) reduced into [1, n-1], n being the secp256k1 group order. The same seed and index
/// always give the same key; distinct indexes give distinct keys but for a keccak collision.
/// </summary>
internal sealed class SimulatedWallets(string seed, int count)
{
    // The secp256k1 group order.
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, null);

    private readonly byte[] _seed = Encoding.UTF8.GetBytes(seed);

    /// <summary>How many wallets there are: indexes 0 to count-1.</summary>
    public int Count { get; } = count;

    /// <summary>Wallet <paramref name="index"/>'s private key.</summary>
    public PrivateKey Key(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var input = new byte[_seed.Length + 8];
        _seed.CopyTo(input, 0);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(_seed.Length), index);
        var hash = new BigInteger(Keccak256.Hash(input), isUnsigned: true, isBigEndian: true);
        var scalar = (hash % (Order - 1)) + 1;
        var bytes = new byte[PrivateKey.Size];
        scalar.TryWriteBytes(bytes.AsSpan(PrivateKey.Size - scalar.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return PrivateKey.TryCreate(bytes, out var key, out var error)
            ? key
            : throw new InvalidOperationException($"a derived key is out of range: {error}");
    }
}
