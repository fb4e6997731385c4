using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Actors.Grains.Interfaces.Gateway;
using Actors.Grains.Interfaces.Logins;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Logins;

/// <summary>
/// The login keys of a silo: the key of each version (from <c>Logins:HmacKeys</c>, or else a cluster secret kept for the
/// version), and the current version, asked of <see cref="ILoginKeysGrain"/> and cached for <c>Logins:KeyVersionCache</c>.
/// Keys never leave the silo: they are neither logged nor returned by any route.
/// </summary>
public sealed class LoginKeyRing(IOptions<LoginOptions> options, IGrainFactory grains, TimeProvider time)
{
    private readonly Dictionary<int, byte[]> _keys = [];
    private readonly Lock _gate = new();
    private (int Version, DateTimeOffset Until) _current;

    /// <summary>The current version and its key.</summary>
    public async Task<(int Version, byte[] Key)> CurrentAsync()
    {
        var (version, until) = _current;
        if (version == 0 || time.GetUtcNow() >= until)
        {
            version = await grains.GetGrain<ILoginKeysGrain>(0).GetCurrentVersion();
            Rotated(version);
        }

        return (version, await KeyAsync(version));
    }

    /// <summary>The key of a version.</summary>
    public async Task<byte[]> KeyAsync(int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        lock (_gate)
        {
            if (_keys.TryGetValue(version, out var known))
            {
                return known;
            }
        }

        var key = options.Value.HmacKeys.TryGetValue(version, out var configured) && configured is { Length: > 0 }
            ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
            : await grains.GetGrain<IClusterSecretGrain>(string.Create(CultureInfo.InvariantCulture, $"login-hmac-v{version}")).GetOrCreate();
        lock (_gate)
        {
            _keys[version] = key;
        }

        return key;
    }

    /// <summary>Takes <paramref name="version"/> as current now (this silo rotated, or just asked).</summary>
    public void Rotated(int version) => _current = (version, time.GetUtcNow() + options.Value.KeyVersionCache);
}
