using System.Globalization;

namespace Actors.Benchmarks.Failover;

/// <summary>The failover mode's report: the median run of each scenario, by the time until every grain answered.</summary>
internal static class FailoverReport
{
    public static void Print(IReadOnlyList<FailoverResult> results)
    {
        var timeout = ClusterClient.ResponseTimeout.TotalSeconds;
        Console.WriteLine($"cores: {Environment.ProcessorCount}; client response timeout {timeout:F0} s; medians:");
        foreach (var group in results.GroupBy(f => f.Name))
        {
            var sorted = group.OrderBy(f => f.AllAnswered).ToList();
            var runs = string.Join(", ", group.Select(f => f.AllAnswered.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));
            Console.WriteLine($"  {sorted[sorted.Count / 2]}; runs: {runs} s");
        }
    }
}
