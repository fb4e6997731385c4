using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Wallets;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// Sign-in nonces, one for every nonce request, that cost nothing to issue: a nonce is 64 hex digits, its issue time, 8 random
/// bytes and an HMAC-SHA256 (first 16 bytes) over them and the wallet's address, under a key every silo shares (derived from
/// <c>Gateway:SessionKey</c>, or a cluster secret). Nothing is stored when one is issued, so a stranger asking for nonces for
/// a wallet neither writes to it nor replaces the nonce its owner is signing; the wallet's grain remembers only the nonces
/// its owner key has signed in with, until they expire, so that each signs in once.
/// </summary>
internal sealed class SignInNonces(IOptions<GatewayOptions> options, IGrainFactory grains, TimeProvider time)
{
    private const int RandomSize = 8;
    private const int MacSize = 16;
    private const int Size = sizeof(long) + RandomSize + MacSize;
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("actors sign-in nonce v1");
    private byte[]? _key;

    /// <summary>A fresh nonce for <paramref name="address"/> and its issue time (whole seconds).</summary>
    public async Task<(string Nonce, DateTimeOffset IssuedAt)> IssueAsync(EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var nonce = new byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(nonce, issuedAt.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(nonce.AsSpan(sizeof(long), RandomSize));
        (await MacAsync(address, nonce)).AsSpan(0, MacSize).CopyTo(nonce.AsSpan(sizeof(long) + RandomSize));
        return (Convert.ToHexStringLower(nonce), issuedAt);
    }

    /// <summary>
    /// When <paramref name="nonce"/> expires, if this cluster issued it for <paramref name="address"/> and it has not expired
    /// yet; null otherwise. Whether it was used already only the wallet's grain knows.
    /// </summary>
    public async Task<DateTimeOffset?> ExpiryAsync(EthereumAddress address, string nonce)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(nonce);
        if (nonce.Length != 2 * Size || !nonce.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var bytes = Convert.FromHexString(nonce);
        var expected = await MacAsync(address, bytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(sizeof(long) + RandomSize), expected.AsSpan(0, MacSize)))
        {
            return null;
        }

        var issuedAt = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = (long)WalletLimits.SignInNonceLifetime.TotalSeconds;
        // A silo whose clock runs a little ahead may have issued it: allow the skew sign-in messages are allowed.
        return issuedAt <= now + (long)SignInTerms.AllowedSkew.TotalSeconds && now < issuedAt + lifetime
            ? DateTimeOffset.FromUnixTimeSeconds(issuedAt + lifetime)
            : null;
    }

    // Over the address and the nonce's issue time and random bytes.
    private async ValueTask<byte[]> MacAsync(EthereumAddress address, byte[] nonce)
    {
        var signed = new byte[EthereumAddress.Size + sizeof(long) + RandomSize];
        address.ToArray().CopyTo(signed, 0);
        nonce.AsSpan(0, sizeof(long) + RandomSize).CopyTo(signed.AsSpan(EthereumAddress.Size));
        return HMACSHA256.HashData(await KeyAsync(), signed);
    }

    // A key of its own, derived from the session key, so that no nonce can pass for a session token's MAC or the reverse.
    private async ValueTask<byte[]> KeyAsync() =>
        _key ??= HMACSHA256.HashData(await GatewaySecrets.ResolveAsync(options.Value.SessionKey, "session-token-key", grains), Purpose);
}
