using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Math;

namespace Actors.Domain.Ethereum;

/// <summary>
/// A secp256k1 private key: 32 bytes whose value is in 1..n−1. Its text form is <c>0x</c> and 64 hex digits;
/// <see cref="ToString"/> names only the address, so a key never reaches a log by accident.
/// </summary>
public sealed class PrivateKey
{
    /// <summary>The length of a private key in bytes.</summary>
    public const int Size = 32;

    private PrivateKey(BigInteger value)
    {
        Value = value;
        Address = EthereumAddress.FromPublicKey(Secp256k1.PublicKey(value));
    }

    /// <summary>The address of the key's public key.</summary>
    public EthereumAddress Address { get; }

    internal BigInteger Value { get; }

    /// <summary>Reads a key from 32 bytes, big-endian.</summary>
    /// <param name="bytes">The key's bytes.</param>
    /// <param name="key">The key when the bytes are valid.</param>
    /// <param name="error">Why the bytes are not a valid key.</param>
    public static bool TryCreate(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out PrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (bytes.Length != Size)
        {
            error = $"private key must be {Size} bytes, not {bytes.Length}";
            return false;
        }

        var value = new BigInteger(1, bytes.ToArray());
        if (value.SignValue == 0 || value.CompareTo(Secp256k1.N) >= 0)
        {
            error = "private key must be between 1 and the secp256k1 group order minus 1";
            return false;
        }

        key = new PrivateKey(value);
        error = null;
        return true;
    }

    /// <summary>Parses <c>0x</c> followed by 64 hex digits.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="key">The key when the text is valid.</param>
    /// <param name="error">Why the text is not a valid key.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PrivateKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        return Hex.TryDecode(text, Size, "private key", out var bytes, out error) && TryCreate(bytes, out key, out error);
    }

    /// <summary>Parses a key; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid key; the message says why.</exception>
    public static PrivateKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key : throw new FormatException(error);

    /// <summary>Names the key by its address, never by its value.</summary>
    public override string ToString() => $"private key of {Address}";
}
