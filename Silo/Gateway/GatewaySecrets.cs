using System.Security.Cryptography;
using System.Text;
using Actors.Grains.Interfaces.Gateway;

namespace Actors.Silo.Gateway;

/// <summary>
/// The gateway's keys: one configured (hashed to 32 bytes), or else a secret the cluster keeps for the purpose, so every silo
/// shares it.
/// </summary>
internal static class GatewaySecrets
{
    public static async Task<byte[]> ResolveAsync(string? configured, string purpose, IGrainFactory grains) =>
        configured is { Length: > 0 }
            ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
            : await grains.GetGrain<IClusterSecretGrain>(purpose).GetOrCreate();
}
