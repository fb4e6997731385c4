using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
using Actors.Grains.Interfaces.Gateway;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Gateway;

/// <summary>
/// Peppered hashes of what identifies a person's device or network (HMAC-SHA256 under <c>Gateway:Pepper</c>, or else a cluster
/// secret kept in the cluster's storage): grains compare devices and client addresses without ever holding them, and a stolen
/// database does not reveal them. Every silo hashes alike, so a device seen at sign-in on one silo is known at a recovery on
/// another.
/// </summary>
public sealed class PrivacyHashes(IOptions<GatewayOptions> options, IGrainFactory grains)
{
    /// <summary>The longest device fingerprint accepted.</summary>
    public const int MaxFingerprintLength = 512;

    private byte[]? _pepper;

    /// <summary>The hash of a device fingerprint.</summary>
    public Task<Hash32> DeviceAsync(string fingerprint) => HashAsync("device", fingerprint);

    /// <summary>The hash of a client's network address.</summary>
    public Task<Hash32> ClientAddressAsync(string address) => HashAsync("client-address", address);

    private async Task<Hash32> HashAsync(string purpose, string value)
    {
        var pepper = _pepper ??= options.Value.Pepper is { Length: > 0 } configured
            ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
            : await grains.GetGrain<IClusterSecretGrain>("privacy-pepper").GetOrCreate();
        return Hash32.FromBytes(HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes($"{purpose}\n{value}")));
    }
}
