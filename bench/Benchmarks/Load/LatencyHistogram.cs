namespace Actors.Benchmarks.Load;

/// <summary>
/// A log-linear latency histogram (16 sub-buckets per power of two, about 6% resolution), one per caller so that recording
/// needs no synchronisation; merged after the run.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 16;
    private readonly long[] _counts = new long[64 * SubBuckets];

    public long Count { get; private set; }

    public void Record(long ticks)
    {
        _counts[Index(Math.Max(ticks, 1))]++;
        Count++;
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value (in Stopwatch ticks) below which the given fraction of recordings fall.</summary>
    public double Percentile(double fraction)
    {
        var target = (long)Math.Ceiling(Count * fraction);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= target && _counts[i] > 0)
            {
                return UpperBound(i);
            }
        }

        return 0;
    }

    private static int Index(long value)
    {
        var power = 63 - (int)long.LeadingZeroCount(value);
        if (power < 4)
        {
            return (int)value;
        }

        var sub = (int)((value >> (power - 4)) & (SubBuckets - 1));
        return (power * SubBuckets) + sub;
    }

    private static double UpperBound(int index)
    {
        var power = index / SubBuckets;
        var sub = index % SubBuckets;
        return power < 4 ? index : (double)((SubBuckets + sub + 1L) << (power - 4));
    }
}
