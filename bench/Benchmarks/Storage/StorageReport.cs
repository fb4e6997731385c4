using System.Globalization;
using Actors.Benchmarks.Load;

namespace Actors.Benchmarks.Storage;

/// <summary>The storage mode's report: every run and median, then each median's ratio to its provider's one-per-transaction row.</summary>
internal static class StorageReport
{
    public static void Print(LoadSettings settings, IReadOnlyList<LoadResult> results)
    {
        LoadReport.Print(results);
        var medians = results.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => LoadResult.Median([.. g]));
        Console.WriteLine("ratios of medians:");
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            if (medians.TryGetValue(StorageWriteScenario.Name(provider, 1, settings.Callers), out var one)
                && medians.TryGetValue(StorageWriteScenario.Name(provider, 1000, settings.Callers), out var group))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {provider}: group commit / one write per transaction = {group.PerSecond / one.PerSecond:F1}"));
                foreach (var fsync in new[] { "always", "everysec" })
                {
                    if (medians.TryGetValue(StorageWriteScenario.RedisName(fsync, settings.Callers), out var redis))
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {provider} group commit / redis aof fsync {fsync} = {group.PerSecond / redis.PerSecond:F2}"));
                    }
                }
            }
        }
    }
}
