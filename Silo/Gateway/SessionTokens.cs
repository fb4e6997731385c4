using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Gateway;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// Session tokens after a Sign-In with Ethereum: <c>v1.{address and expiry}.{HMAC-SHA256}</c>, base64url. Short-lived, bound to
/// the address, and accepted by every silo, because the key is <c>Gateway:SessionKey</c> or, when unset, a cluster secret kept
/// in the cluster's storage (<see cref="IClusterSecretGrain"/>). Nothing is stored per session.
/// </summary>
public sealed class SessionTokens(IOptions<GatewayOptions> options, IGrainFactory grains, TimeProvider time)
{
    private const string Version = "v1";
    private byte[]? _key;

    /// <summary>A token for <paramref name="address"/>, valid for <c>Gateway:SessionLifetime</c>.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(EthereumAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + options.Value.SessionLifetime).ToUnixTimeSeconds());
        var payload = new byte[EthereumAddress.Size + sizeof(long)];
        address.ToArray().CopyTo(payload, 0);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(EthereumAddress.Size), expiresAt.ToUnixTimeSeconds());
        var signed = $"{Version}.{Base64Url(payload)}";
        return ($"{signed}.{Base64Url(HMACSHA256.HashData(await KeyAsync(), Encoding.ASCII.GetBytes(signed)))}", expiresAt);
    }

    /// <summary>The address and expiry of a valid, unexpired token; null for anything else.</summary>
    public async Task<(EthereumAddress Address, DateTimeOffset ExpiresAt)?> ValidateAsync(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not [Version, var payloadText, var macText] || token!.Length > 200)
        {
            return null;
        }

        var signed = $"{Version}.{payloadText}";
        var expected = HMACSHA256.HashData(await KeyAsync(), Encoding.ASCII.GetBytes(signed));
        if (FromBase64Url(macText) is not { } mac || !CryptographicOperations.FixedTimeEquals(mac, expected)
            || FromBase64Url(payloadText) is not { Length: EthereumAddress.Size + sizeof(long) } payload)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(EthereumAddress.Size)));
        return time.GetUtcNow() < expiresAt ? (EthereumAddress.FromBytes(payload.AsSpan(0, EthereumAddress.Size)), expiresAt) : null;
    }

    private async ValueTask<byte[]> KeyAsync() => _key ??= options.Value.SessionKey is { Length: > 0 } configured
        ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
        : await grains.GetGrain<IClusterSecretGrain>("session-token-key").GetOrCreate();

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
