using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Actors.Domain.Ethereum;

/// <summary>
/// EIP-191 version 0x45 (<c>personal_sign</c>): a message is signed as
/// Keccak-256("\x19Ethereum Signed Message:\n" + its length in bytes, in decimal + its bytes), so that a signed message can
/// never be mistaken for a signed transaction. Text messages are their UTF-8 bytes.
/// </summary>
public static class PersonalSign
{
    /// <summary>The hash that is signed for <paramref name="message"/>.</summary>
    public static Hash32 HashMessage(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes("\x19" + "Ethereum Signed Message:\n" + message.Length.ToString(CultureInfo.InvariantCulture));
        return Hash32.FromBytes(Keccak256.Hash([.. prefix, .. message]));
    }

    /// <summary>The hash that is signed for the UTF-8 bytes of <paramref name="message"/>.</summary>
    public static Hash32 HashMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HashMessage(Encoding.UTF8.GetBytes(message));
    }

    /// <summary>Signs <paramref name="message"/> deterministically (RFC 6979): the same key and message give the same signature.</summary>
    public static EthereumSignature Sign(PrivateKey key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (r, s, recoveryId) = Secp256k1.Sign(key.Value, HashMessage(message).AsSpan());
        return EthereumSignature.FromComponents(r, s, recoveryId);
    }

    /// <summary>Signs the UTF-8 bytes of <paramref name="message"/>; see <see cref="Sign(PrivateKey, ReadOnlySpan{byte})"/>.</summary>
    public static EthereumSignature Sign(PrivateKey key, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Sign(key, Encoding.UTF8.GetBytes(message));
    }

    /// <summary>
    /// Recovers the address that signed <paramref name="message"/> (<c>ecrecover</c>). Any well-formed signature recovers some
    /// address unless r is not the x coordinate of a curve point; compare the result with the expected signer.
    /// </summary>
    /// <param name="message">The signed message.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="signer">The recovered address, when there is one.</param>
    public static bool TryRecover(ReadOnlySpan<byte> message, EthereumSignature signature, [NotNullWhen(true)] out EthereumAddress? signer)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var publicKey = Secp256k1.TryRecover(HashMessage(message).AsSpan(), signature.R, signature.S, signature.RecoveryId);
        signer = publicKey is null ? null : EthereumAddress.FromPublicKey(publicKey);
        return signer is not null;
    }

    /// <summary>Recovers the signer of the UTF-8 bytes of <paramref name="message"/>; see <see cref="TryRecover(ReadOnlySpan{byte}, EthereumSignature, out EthereumAddress?)"/>.</summary>
    public static bool TryRecover(string message, EthereumSignature signature, [NotNullWhen(true)] out EthereumAddress? signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TryRecover(Encoding.UTF8.GetBytes(message), signature, out signer);
    }
}
