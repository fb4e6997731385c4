using System.Globalization;
using Actors.Benchmarks.Load;
using Actors.Domain.Money;

namespace Actors.Benchmarks.Stakers;

/// <summary>The stakers mode's figures: claims per second and their ratio, then the memory of the activated wallets.</summary>
internal static class StakersReport
{
    public const string Baseline = "grain call x1 (baseline)";
    public const string Solo = "claim, 1 staker";

    public static string Crowded(int wallets) => string.Create(CultureInfo.InvariantCulture, $"claim, {wallets:N0} stakers");

    public static void PrintClaims(StakersSettings settings, IReadOnlyList<LoadResult> results, UInt256[] paid)
    {
        var n = settings.Wallets;
        Console.WriteLine("runs:");
        foreach (var result in results)
        {
            Console.WriteLine("  " + result);
        }

        Console.WriteLine("medians:");
        var medians = results.GroupBy(r => r.Name).Select(g => LoadResult.Median([.. g])).ToDictionary(r => r.Name);
        foreach (var median in medians.Values)
        {
            Console.WriteLine("  " + median);
        }

        var one = medians[Solo];
        var many = medians[Crowded(n)];
        var baseline = medians[Baseline];
        var claims = (ulong)settings.Claims * (ulong)settings.Rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paid per claim: 1 staker {paid[0] / claims / StakersScenario.Token} tokens, {n:N0} stakers {paid[1] / claims} base units"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio cost({n:N0}) / cost(1): mean {one.PerSecond / many.PerSecond:F2}, " +
            $"p50 {many.P50Micros / one.P50Micros:F2}, p99 {many.P99Micros / one.P99Micros:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"claim cost in grain calls (mean): 1 staker {baseline.PerSecond / one.PerSecond:N0}, " +
            $"{n:N0} stakers {baseline.PerSecond / many.PerSecond:N0}"));
    }

    public static void PrintMemory(StakersSettings settings, int activations, Footprint empty, Footprint full)
    {
        var n = (double)settings.Wallets;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activations in the silo: {activations:N0} ({n:N0} wallets, 1 solo wallet, 2 pools, 1 baseline grain, and Orleans's own)"));
        Console.WriteLine($"before the wallets: {empty}");
        Console.WriteLine($"with the wallets:   {full}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per wallet: managed heap {(full.Heap - empty.Heap) / n:N0} B, working set {(full.WorkingSet - empty.WorkingSet) / n:N0} B, " +
            $"private {(full.Private - empty.Private) / n:N0} B"));
        var target = 2L << 30;
        var met = Math.Max(full.WorkingSet, full.Private) <= target ? "met" : "NOT met";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target 2 GB: working set {full.WorkingSet / (double)target:P0} of it, " +
            $"private bytes {full.Private / (double)target:P0} -> {met}"));
        if (settings.Wallets < 1_000_000)
        {
            var projected = empty.WorkingSet + ((full.WorkingSet - empty.WorkingSet) / n * 1_000_000);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"projected working set at 1,000,000 wallets (linear): {projected / 1048576.0:N0} MiB (a projection, not a measurement)"));
        }
    }

    public static void PrintBaselineMemory(StakersSettings settings, Footprint wallets, Footprint both)
    {
        var n = (double)settings.Wallets;
        Console.WriteLine($"with as many trivial grains too: {both}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per trivial grain (Orleans's own cost of an activation): managed heap {(both.Heap - wallets.Heap) / n:N0} B, " +
            $"working set {(both.WorkingSet - wallets.WorkingSet) / n:N0} B, private {(both.Private - wallets.Private) / n:N0} B"));
    }
}
