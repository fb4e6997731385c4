using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Actors.Domain.Merkle;

/// <summary>
/// A 32-byte SHA-256 value in an RFC 9162 Merkle tree: a leaf hash, an interior node hash or a root. Immutable; equal when
/// the bytes are equal. Text form: <c>0x</c> and 64 lowercase hex digits.
/// </summary>
public sealed class MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>The length of a hash in bytes.</summary>
    public const int Length = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    private readonly byte[] _bytes;

    private MerkleHash(byte[] bytes) => _bytes = bytes;

    /// <summary>The root of the empty tree: SHA-256 of the empty string (RFC 9162 section 2.1.1).</summary>
    public static MerkleHash EmptyTree { get; } = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>The hash's 32 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The hash of a leaf's data: SHA-256(0x00 || data).</summary>
    public static MerkleHash OfLeaf(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([LeafPrefix]);
        sha.AppendData(data);
        return new MerkleHash(sha.GetHashAndReset());
    }

    /// <summary>The hash of an interior node: SHA-256(0x01 || left || right).</summary>
    public static MerkleHash OfNode(MerkleHash left, MerkleHash right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Span<byte> input = stackalloc byte[1 + (2 * Length)];
        input[0] = NodePrefix;
        left._bytes.CopyTo(input[1..]);
        right._bytes.CopyTo(input[(1 + Length)..]);
        return new MerkleHash(SHA256.HashData(input));
    }

    /// <summary>Wraps 32 bytes (copied); fails with a reason for any other length.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out MerkleHash? hash, [NotNullWhen(false)] out string? reason)
    {
        if (bytes.Length != Length)
        {
            hash = null;
            reason = string.Create(CultureInfo.InvariantCulture, $"a hash is {Length} bytes, not {bytes.Length}");
            return false;
        }

        hash = new MerkleHash(bytes.ToArray());
        reason = null;
        return true;
    }

    /// <summary>Wraps 32 bytes (copied).</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public static MerkleHash FromBytes(ReadOnlySpan<byte> bytes) =>
        TryCreate(bytes, out var hash, out var reason) ? hash : throw new ArgumentException(reason, nameof(bytes));

    /// <summary>Reads 64 hex digits, with or without a <c>0x</c> prefix, in either case; fails with a reason otherwise.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MerkleHash? hash, [NotNullWhen(false)] out string? reason)
    {
        hash = null;
        if (!HexText.TryDecode(text, out var bytes, out reason))
        {
            return false;
        }

        return TryCreate(bytes, out hash, out reason);
    }

    /// <summary>Reads 64 hex digits, with or without a <c>0x</c> prefix.</summary>
    /// <exception cref="FormatException">The text is not a 32-byte hex value.</exception>
    public static MerkleHash Parse(string text) =>
        TryParse(text, out var hash, out var reason) ? hash : throw new FormatException(reason);

    /// <inheritdoc />
    public bool Equals(MerkleHash? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MerkleHash);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    /// <summary><c>0x</c> and 64 lowercase hex digits.</summary>
    public override string ToString() => "0x" + Convert.ToHexStringLower(_bytes);

    /// <summary>Equal bytes.</summary>
    public static bool operator ==(MerkleHash? left, MerkleHash? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different bytes.</summary>
    public static bool operator !=(MerkleHash? left, MerkleHash? right) => !(left == right);
}
