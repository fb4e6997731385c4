using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace Actors.Domain.Ethereum;

/// <summary>
/// A recoverable secp256k1 signature as Ethereum writes it: 65 bytes r‖s‖v, in text <c>0x</c> and 130 hex digits. v is 27 or
/// 28 (0 and 1 are read as 27 and 28); r and s are in 1..n−1 and s is at most n/2 (EIP-2), so each signature has one valid form.
/// </summary>
public sealed record EthereumSignature
{
    /// <summary>The length of a signature in bytes.</summary>
    public const int Size = 65;

    private readonly byte[] _r;
    private readonly byte[] _s;

    private EthereumSignature(byte[] r, byte[] s, byte v)
    {
        _r = r;
        _s = s;
        V = v;
    }

    /// <summary>27 or 28: 27 plus the parity of the y coordinate of the signature's point R.</summary>
    public byte V { get; }

    /// <summary>0 or 1: the parity of the y coordinate of R.</summary>
    public int RecoveryId => V - 27;

    internal BigInteger R => new(1, _r);

    internal BigInteger S => new(1, _s);

    internal static EthereumSignature FromComponents(BigInteger r, BigInteger s, int recoveryId) =>
        new(BigIntegers.AsUnsignedByteArray(32, r), BigIntegers.AsUnsignedByteArray(32, s), (byte)(27 + recoveryId));

    /// <summary>Reads a signature from its 65 bytes, checking v, the ranges of r and s, and low s.</summary>
    /// <param name="bytes">r (32 bytes), s (32 bytes), v (1 byte).</param>
    /// <param name="signature">The signature when the bytes are valid.</param>
    /// <param name="error">Why the bytes are not a valid signature.</param>
    public static bool TryCreate(
        ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out EthereumSignature? signature, [NotNullWhen(false)] out string? error)
    {
        signature = null;
        if (bytes.Length != Size)
        {
            error = $"signature must be {Size} bytes, not {bytes.Length}";
            return false;
        }

        var v = bytes[64];
        if (v is not (0 or 1 or 27 or 28))
        {
            error = $"signature v must be 27, 28, 0 or 1, not {v}";
            return false;
        }

        var r = new BigInteger(1, bytes[..32].ToArray());
        var s = new BigInteger(1, bytes[32..64].ToArray());
        if (r.SignValue == 0 || r.CompareTo(Secp256k1.N) >= 0)
        {
            error = "signature r must be between 1 and the secp256k1 group order minus 1";
            return false;
        }

        if (s.SignValue == 0 || s.CompareTo(Secp256k1.N) >= 0)
        {
            error = "signature s must be between 1 and the secp256k1 group order minus 1";
            return false;
        }

        if (s.CompareTo(Secp256k1.HalfN) > 0)
        {
            error = "signature s must be at most half the secp256k1 group order (EIP-2 low s)";
            return false;
        }

        signature = new EthereumSignature(bytes[..32].ToArray(), bytes[32..64].ToArray(), (byte)(v < 27 ? v + 27 : v));
        error = null;
        return true;
    }

    /// <summary>Parses <c>0x</c> followed by 130 hex digits; see <see cref="TryCreate"/> for the checks.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="signature">The signature when the text is valid.</param>
    /// <param name="error">Why the text is not a valid signature.</param>
    public static bool TryParse(
        [NotNullWhen(true)] string? text, [NotNullWhen(true)] out EthereumSignature? signature, [NotNullWhen(false)] out string? error)
    {
        signature = null;
        return Hex.TryDecode(text, Size, "signature", out var bytes, out error) && TryCreate(bytes, out signature, out error);
    }

    /// <summary>Parses a signature; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid signature; the message says why.</exception>
    public static EthereumSignature Parse(string text) =>
        TryParse(text, out var signature, out var error) ? signature : throw new FormatException(error);

    /// <summary>The 65 bytes r‖s‖v, v being 27 or 28.</summary>
    public byte[] ToArray() => [.. _r, .. _s, V];

    /// <summary><c>0x</c> followed by 130 lowercase hex digits, v being 27 or 28.</summary>
    public override string ToString() => Hex.Encode(ToArray());

    /// <inheritdoc/>
    public bool Equals(EthereumSignature? other) =>
        other is not null && V == other.V && _r.AsSpan().SequenceEqual(other._r) && _s.AsSpan().SequenceEqual(other._s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_r);
        hash.AddBytes(_s);
        hash.Add(V);
        return hash.ToHashCode();
    }
}
