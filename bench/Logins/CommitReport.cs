using System.Globalization;

namespace Actors.Benchmarks.Logins;

/// <summary>Prints each run as it ends, and the medians per store and size with the ratio to the in-memory root.</summary>
internal static class CommitReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void PrintRun(int run, CommitResult r) => Console.WriteLine(string.Create(Invariant,
        $"run {run} {r.Provider} N={r.Records:N0}: append {r.AppendSeconds:F2} s, in-memory tree {r.TreeSeconds:F3} s, commit {r.CommitSeconds:F2} s, "
        + $"inclusion {r.InclusionPath} hashes {r.InclusionBytes} B {r.InclusionMs:F2} ms, two batches {r.FirstHalfSeconds:F2} + {r.SecondHalfSeconds:F2} s, "
        + $"consistency {r.ConsistencyPath} hashes {r.ConsistencyBytes} B {r.ConsistencyMs:F2} ms"));

    public static void PrintSummary(IReadOnlyList<CommitResult> results)
    {
        Console.WriteLine(string.Create(Invariant, $"medians of runs, {Environment.ProcessorCount} cores"));
        Console.WriteLine("| Store | N | Commit s | Records/s | Ratio commit / in-memory root | Append s | Inclusion hashes / bytes / ms "
            + "| Batches N/2 + N/2 s | Consistency hashes / bytes / ms |");
        foreach (var group in results.GroupBy(r => (r.Provider, r.Records)))
        {
            double M(Func<CommitResult, double> f) => Median([.. group.Select(f)]);
            var commit = M(r => r.CommitSeconds);
            var tree = M(r => r.TreeSeconds);
            Console.WriteLine(string.Create(Invariant,
                $"| {group.Key.Provider} | {group.Key.Records:N0} | {commit:F3} | {group.Key.Records / commit:N0} | {commit / tree:F1} ({tree:F3} s) "
                + $"| {M(r => r.AppendSeconds):F2} | {M(r => r.InclusionPath)} / {M(r => r.InclusionBytes)} / {M(r => r.InclusionMs):F2} "
                + $"| {M(r => r.FirstHalfSeconds):F2} + {M(r => r.SecondHalfSeconds):F2} "
                + $"| {M(r => r.ConsistencyPath)} / {M(r => r.ConsistencyBytes)} / {M(r => r.ConsistencyMs):F2} |"));
            Console.WriteLine(string.Create(Invariant,
                $"  runs: commit {string.Join(", ", group.Select(r => r.CommitSeconds.ToString("F3", Invariant)))} s; "
                + $"in-memory root {string.Join(", ", group.Select(r => r.TreeSeconds.ToString("F3", Invariant)))} s"));
        }
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }
}
