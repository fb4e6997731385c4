namespace Actors.Runtime.Benchmarks.Load;

/// <summary>Scenario settings from <c>--name value</c> arguments; defaults follow DESIGN.md section 6.</summary>
public sealed record LoadSettings(int Callers, TimeSpan Warmup, TimeSpan Duration, int Runs, string Provider)
{
    public static LoadSettings Parse(string[] args) => new(
        Arguments.Int(args, "--callers", 1000),
        TimeSpan.FromSeconds(Arguments.Int(args, "--warmup", 5)),
        TimeSpan.FromSeconds(Arguments.Int(args, "--duration", 5)),
        Arguments.Int(args, "--runs", 3),
        Arguments.Get(args, "--provider") ?? "sqlite");
}
