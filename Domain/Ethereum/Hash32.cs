using System.Diagnostics.CodeAnalysis;

namespace Actors.Domain.Ethereum;

/// <summary>A 32-byte hash (Keccak-256, SHA-256, a Merkle root...), written as <c>0x</c> and 64 hex digits.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Hash32JsonConverter))]
public sealed record Hash32
{
    /// <summary>The length of the hash in bytes.</summary>
    public const int Size = 32;

    private readonly byte[] _bytes;

    private Hash32(byte[] bytes) => _bytes = bytes;

    /// <summary>The hash's 32 bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The hash's 32 bytes, read-only.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>The hash of 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public static Hash32 FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Size
            ? new Hash32(bytes.ToArray())
            : throw new ArgumentException($"a hash is {Size} bytes, not {bytes.Length}", nameof(bytes));

    /// <summary>Parses <c>0x</c> followed by 64 hex digits, in either case.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="hash">The hash when the text is valid.</param>
    /// <param name="error">Why the text is not a valid hash.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text, [NotNullWhen(true)] out Hash32? hash, [NotNullWhen(false)] out string? error)
    {
        hash = Hex.TryDecode(text, Size, "hash", out var bytes, out error) ? new Hash32(bytes) : null;
        return hash is not null;
    }

    /// <summary>Parses a hash; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid hash; the message says why.</exception>
    public static Hash32 Parse(string text) =>
        TryParse(text, out var hash, out var error) ? hash : throw new FormatException(error);

    /// <summary><c>0x</c> followed by 64 lowercase hex digits.</summary>
    public override string ToString() => Hex.Encode(_bytes);

    /// <inheritdoc/>
    public bool Equals(Hash32? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}
