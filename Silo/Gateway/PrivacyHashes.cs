using System.Security.Cryptography;
using System.Text;
using Actors.Domain.Ethereum;
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
    private byte[]? _pepper;

    /// <summary>The hash of a device fingerprint.</summary>
    public Task<Hash32> DeviceAsync(string fingerprint) => HashAsync("device", fingerprint);

    /// <summary>The hash of a client's network address.</summary>
    public Task<Hash32> ClientAddressAsync(string address) => HashAsync("client-address", address);

    private async Task<Hash32> HashAsync(string purpose, string value)
    {
        var pepper = _pepper ??= await GatewaySecrets.ResolveAsync(options.Value.Pepper, "privacy-pepper", grains);
        return Hash32.FromBytes(HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes($"{purpose}\n{value}")));
    }
}
