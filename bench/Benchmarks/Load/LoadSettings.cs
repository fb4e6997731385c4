namespace Actors.Benchmarks.Load;

/// <summary>Scenario settings from <c>--name value</c> arguments; defaults follow DESIGN.md section 6.</summary>
/// <param name="Callers">Concurrent callers of the closed loop.</param>
/// <param name="Warmup">Warm-up before each measured window (seconds may be fractional: <c>--warmup 0.5</c>).</param>
/// <param name="Duration">The measured window.</param>
/// <param name="Runs">Runs of each scenario; medians are reported.</param>
/// <param name="Provider">The storage provider(s) of the mode, comma-separated where a mode takes several.</param>
internal sealed record LoadSettings(int Callers, TimeSpan Warmup, TimeSpan Duration, int Runs, string Provider)
{
    public static LoadSettings Parse(string[] args, string provider = "sqlite") => new(
        Arguments.Int(args, "--callers", 1000),
        TimeSpan.FromSeconds(Arguments.Seconds(args, "--warmup", 5)),
        TimeSpan.FromSeconds(Arguments.Seconds(args, "--duration", 5)),
        Arguments.Int(args, "--runs", 3),
        Arguments.Get(args, "--provider") ?? provider);
}
