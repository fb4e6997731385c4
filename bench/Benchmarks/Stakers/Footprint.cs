using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Actors.Benchmarks.Stakers;

/// <summary>Process memory after a full, compacting, blocking collection.</summary>
internal sealed record Footprint(long Heap, long Committed, long WorkingSet, long Private)
{
    public static Footprint Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new Footprint(heap, info.TotalCommittedBytes, process.WorkingSet64, process.PrivateMemorySize64);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"managed heap {Mib(Heap)} MiB (GC committed {Mib(Committed)} MiB), working set {Mib(WorkingSet)} MiB, private {Mib(Private)} MiB");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);
}
