using Actors.Runtime.Membership;

namespace Actors.Runtime.Placement;

/// <summary>
/// Chooses the silo that owns a grain by rendezvous (highest-random-weight) hashing over the Active silos: every silo with the
/// same view computes the same owner, grains spread evenly over silos (so over zones in proportion to their silos), and when
/// a silo or a whole zone leaves only its own grains move. The hash is FNV-1a over the id's characters, mixed per silo with
/// splitmix64: deterministic across processes and builds (unlike <see cref="HashCode"/>).
/// </summary>
internal static class RendezvousPlacement
{
    /// <summary>The owner among <paramref name="active"/>, or null when there is none.</summary>
    public static SiloAddress? Owner(GrainId grainId, IReadOnlyList<MembershipEntry> active)
    {
        if (active.Count == 0)
        {
            return null;
        }

        if (active.Count == 1)
        {
            return active[0].Silo;
        }

        var grainHash = Hash(grainId);
        var best = active[0].Silo;
        var bestScore = Mix(grainHash ^ SiloHash(best));
        for (var i = 1; i < active.Count; i++)
        {
            var score = Mix(grainHash ^ SiloHash(active[i].Silo));
            if (score > bestScore)
            {
                best = active[i].Silo;
                bestScore = score;
            }
        }

        return best;
    }

    internal static ulong Hash(GrainId grainId)
    {
        var hash = 14695981039346656037UL;
        hash = Add(hash, grainId.Type);
        hash = (hash ^ '/') * 1099511628211UL;
        return Add(hash, grainId.Key);
    }

    private static ulong SiloHash(SiloAddress silo) =>
        Mix(Add(14695981039346656037UL, silo.Host) ^ ((ulong)(uint)silo.Port << 32) ^ (ulong)silo.Epoch);

    private static ulong Add(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
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
