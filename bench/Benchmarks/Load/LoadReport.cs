using System.Globalization;
using System.Runtime;

namespace Actors.Benchmarks.Load;

/// <summary>
/// Prints every run, then the median of each scenario and its ratio to the baselines with the same number of callers (the
/// name's last word, such as <c>x1,000</c>); scenarios at a fixed rate get no ratio.
/// </summary>
internal static class LoadReport
{
    public static void Print(IReadOnlyList<LoadResult> results, params string[] baselines)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, server GC: {GCSettings.IsServerGC}, .NET {Environment.Version}");
        Console.WriteLine("runs:");
        foreach (var result in results)
        {
            Console.WriteLine("  " + result);
        }

        Console.WriteLine("medians:");
        var medians = results.GroupBy(r => r.Name).Select(g => LoadResult.Median([.. g])).ToList();
        var references = baselines.Select(b => medians.FirstOrDefault(m => m.Name == b)).OfType<LoadResult>().ToList();
        foreach (var median in medians)
        {
            var ratios = string.Concat(references.Where(r => Callers(r.Name) == Callers(median.Name)).Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"   {median.PerSecond / r.PerSecond,6:F2} x {r.Name}")));
            Console.WriteLine("  " + median + ratios);
        }
    }

    private static string Callers(string name) => name[(name.LastIndexOf(' ') + 1)..];
}
