using System.Text;

namespace Actors.Runtime.Generator;

/// <summary>FNV-1a over UTF-8: the same text gives the same id in every build, on every machine.</summary>
internal static class StableHash
{
    public static uint Fnv1a32(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }
}
