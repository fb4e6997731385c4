using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Gateway;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// Session tokens after a Sign-In with Ethereum: <c>v2.{address, expiry, recovery nonce and a random session id}.{HMAC-SHA256}</c>, base64url.
/// Short-lived, bound to the wallet's address, and accepted by every silo, because the key is <c>Gateway:SessionKey</c> or,
/// when unset, a cluster secret kept in the cluster's storage (<see cref="IClusterSecretGrain"/>). Nothing is stored per
/// session; the wallet's recovery nonce in the token lets a finalized recovery end every session issued before it.
/// </summary>
public sealed class SessionTokens(IOptions<GatewayOptions> options, IGrainFactory grains, TimeProvider time)
{
    private const string Version = "v2";
    private byte[]? _key;

    private const int SessionIdSize = 16;

    private const int PayloadSize = EthereumAddress.Size + sizeof(long) + sizeof(ulong) + SessionIdSize;

    /// <summary>
    /// A token for the wallet at <paramref name="address"/> under its <paramref name="recoveryNonce"/>, valid for
    /// <c>Gateway:SessionLifetime</c>.
    /// </summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt, string SessionId)> IssueAsync(EthereumAddress address, ulong recoveryNonce)
    {
        ArgumentNullException.ThrowIfNull(address);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + options.Value.SessionLifetime).ToUnixTimeSeconds());
        var payload = new byte[PayloadSize];
        address.ToArray().CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(EthereumAddress.Size), expiresAt.ToUnixTimeSeconds());
        BinaryPrimitives.WriteUInt64BigEndian(payload.AsSpan(EthereumAddress.Size + sizeof(long)), recoveryNonce);
        RandomNumberGenerator.Fill(payload.AsSpan(PayloadSize - SessionIdSize));
        var signed = $"{Version}.{Base64Url(payload)}";
        var sessionId = Convert.ToHexStringLower(payload.AsSpan(PayloadSize - SessionIdSize));
        return ($"{signed}.{Base64Url(HMACSHA256.HashData(await KeyAsync(), Encoding.ASCII.GetBytes(signed)))}", expiresAt, sessionId);
    }

    /// <summary>The session of a valid, unexpired token; null for anything else.</summary>
    public async Task<Session?> ValidateAsync(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not [Version, var payloadText, var macText] || token!.Length > 200)
        {
            return null;
        }

        var signed = $"{Version}.{payloadText}";
        var expected = HMACSHA256.HashData(await KeyAsync(), Encoding.ASCII.GetBytes(signed));
        if (FromBase64Url(macText) is not { } mac || !CryptographicOperations.FixedTimeEquals(mac, expected)
            || FromBase64Url(payloadText) is not { Length: PayloadSize } payload)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(EthereumAddress.Size)));
        var recoveryNonce = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(EthereumAddress.Size + sizeof(long)));
        return time.GetUtcNow() < expiresAt
            ? new Session(EthereumAddress.FromBytes(payload.AsSpan(0, EthereumAddress.Size)), expiresAt, recoveryNonce,
                Convert.ToHexStringLower(payload.AsSpan(PayloadSize - SessionIdSize)))
            : null;
    }

    private async ValueTask<byte[]> KeyAsync() =>
        _key ??= await GatewaySecrets.ResolveAsync(options.Value.SessionKey, "session-token-key", grains);

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static byte[]? FromBase64Url(string text)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>What a valid session token stands for.</summary>
/// <param name="Address">The wallet the session acts for.</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
/// <param name="RecoveryNonce">The wallet's recovery nonce at sign-in: once a recovery bumps it, the session no longer acts.</param>
/// <param name="SessionId">The session's random id (hex), which its login records name and a logout ends.</param>
public sealed record Session(EthereumAddress Address, DateTimeOffset ExpiresAt, ulong RecoveryNonce, string SessionId);
