using System.Globalization;

namespace Actors.Benchmarks.Load;

/// <summary>Reads <c>--name value</c> pairs from a mode's arguments.</summary>
internal static class Arguments
{
    public static string? Get(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Get(args, name) is { } value ? int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : fallback;

    public static double Seconds(string[] args, string name, double fallback) =>
        Get(args, name) is { } value ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;
}
