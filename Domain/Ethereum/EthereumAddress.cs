using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Math.EC;

namespace Actors.Domain.Ethereum;

/// <summary>
/// A 20-byte Ethereum account address. Text is <c>0x</c> and 40 hex digits: all lowercase or all uppercase is accepted as is;
/// mixed case must match the EIP-55 checksum, which catches most typing errors. <see cref="ToString"/> writes the EIP-55 form.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(EthereumAddressJsonConverter))]
public sealed record EthereumAddress
{
    /// <summary>The length of an address in bytes.</summary>
    public const int Size = 20;

    private readonly byte[] _bytes;

    private EthereumAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>The address's 20 bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The address of 20 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 20 bytes long.</exception>
    public static EthereumAddress FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Size
            ? new EthereumAddress(bytes.ToArray())
            : throw new ArgumentException($"an address is {Size} bytes, not {bytes.Length}", nameof(bytes));

    /// <summary>The address of a secp256k1 public key: the last 20 bytes of the Keccak-256 of its 64-byte X||Y encoding.</summary>
    internal static EthereumAddress FromPublicKey(ECPoint publicKey)
    {
        var encoded = publicKey.Normalize().GetEncoded(compressed: false);
        var hash = Keccak256.Hash(encoded.AsSpan(1));
        return new EthereumAddress(hash[^Size..]);
    }

    /// <summary>Parses an address, checking its EIP-55 checksum when it is written in mixed case.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="address">The address when the text is valid.</param>
    /// <param name="error">Why the text is not a valid address.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text, [NotNullWhen(true)] out EthereumAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (!Hex.TryDecode(text, Size, "address", out var bytes, out error))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        var parsed = new EthereumAddress(bytes);
        if (hasLower && hasUpper && !digits.SequenceEqual(parsed.ToString().AsSpan(2)))
        {
            error = "address is in mixed case but does not match its EIP-55 checksum";
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Parses an address; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid address; the message says why.</exception>
    public static EthereumAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary><c>0x</c> and 40 lowercase hex digits: the canonical key of the account (one spelling per address).</summary>
    public string ToLowerHex() => Hex.Encode(_bytes);

    /// <summary>The EIP-55 checksummed form: a letter is uppercase when the matching nibble of the Keccak-256 of the lowercase hex is 8 or more.</summary>
    public override string ToString()
    {
        var lower = Convert.ToHexStringLower(_bytes);
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower));
        var result = new char[2 + lower.Length];
        result[0] = '0';
        result[1] = 'x';
        for (var i = 0; i < lower.Length; i++)
        {
            var nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            result[2 + i] = nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }

        return new string(result);
    }

    /// <inheritdoc/>
    public bool Equals(EthereumAddress? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
