using System.Net.Sockets;

namespace Actors.Providers.Zones;

/// <summary>
/// Rendezvous (highest-random-weight) hashing in two levels: first the zone, among the zones of the given silos, then the silo,
/// among that zone's silos. Every silo with the same view computes the same owner; each zone gets an equal share of grains
/// whatever its silo count; when a zone leaves, only its grains move, and they spread over the other zones. Hashes are FNV-1a
/// mixed with splitmix64: deterministic across processes and builds (unlike <see cref="HashCode"/>).
/// </summary>
internal static class ZoneRendezvous
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    // Decorrelates the silo-level choice from the zone-level one, which hash the same grain.
    private const ulong SiloLevelSalt = 0xD6E8FEB86659FD93UL;

    /// <summary>
    /// The owner of <paramref name="grain"/> among <paramref name="silos"/> (not empty). Silos whose zone is not known yet
    /// take part only when no silo's zone is known, so that a silo whose metadata is still on its way gets no grains meant for
    /// another zone.
    /// </summary>
    public static SiloAddress Choose(GrainId grain, IReadOnlyList<SiloAddress> silos, ISiloZones zones)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentNullException.ThrowIfNull(zones);
        if (silos.Count == 0)
        {
            throw new ArgumentException("There is no silo to choose from.", nameof(silos));
        }

        if (silos.Count == 1)
        {
            return silos[0];
        }

        var grainHash = GrainHash(grain);
        var zone = ChooseZone(grainHash, silos, zones);
        var siloHash = Mix(grainHash ^ SiloLevelSalt);
        SiloAddress? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            if (zone is not null && !string.Equals(zones.ZoneOf(silo), zone, StringComparison.Ordinal))
            {
                continue;
            }

            var score = Mix(siloHash ^ SiloHash(silo));
            if (best is null || score > bestScore || (score == bestScore && silo.CompareTo(best) < 0))
            {
                best = silo;
                bestScore = score;
            }
        }

        return best!;
    }

    // The zone with the highest score among the known zones of the silos; null when no zone is known.
    private static string? ChooseZone(ulong grainHash, IReadOnlyList<SiloAddress> silos, ISiloZones zones)
    {
        string? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            var zone = zones.ZoneOf(silo);
            if (zone is null || string.Equals(zone, best, StringComparison.Ordinal))
            {
                continue;
            }

            var score = Mix(grainHash ^ ZoneHash(zone));
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(zone, best) < 0))
            {
                best = zone;
                bestScore = score;
            }
        }

        return best;
    }

    internal static ulong GrainHash(GrainId grain)
    {
        var hash = Add(FnvOffset, grain.Type.AsSpan());
        hash = (hash ^ '/') * FnvPrime;
        return Add(hash, grain.Key.AsSpan());
    }

    private static ulong ZoneHash(string zone)
    {
        var hash = FnvOffset;
        foreach (var c in zone)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return Mix(hash);
    }

    private static ulong SiloHash(SiloAddress silo)
    {
        Span<byte> address = stackalloc byte[16];
        var endpoint = silo.Endpoint;
        var length = endpoint.Address.TryWriteBytes(address, out var written) ? written : 0;
        var hash = Add(FnvOffset, address[..length]);
        hash = (hash ^ (endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? 6UL : 4UL)) * FnvPrime;
        return Mix(hash ^ ((ulong)(uint)endpoint.Port << 32) ^ (uint)silo.Generation);
    }

    private static ulong Add(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return hash;
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
