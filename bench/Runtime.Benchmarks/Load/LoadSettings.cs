using System.Globalization;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>Scenario settings from <c>--name value</c> arguments; defaults follow DESIGN.md section 6.</summary>
public sealed record LoadSettings(int Callers, TimeSpan Warmup, TimeSpan Duration, int Runs, string Provider)
{
    public static LoadSettings Parse(string[] args)
    {
        string? Get(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new LoadSettings(
            Int("--callers", 1000),
            TimeSpan.FromSeconds(Int("--warmup", 5)),
            TimeSpan.FromSeconds(Int("--duration", 5)),
            Int("--runs", 3),
            Get("--provider") ?? "sqlite");
    }
}
