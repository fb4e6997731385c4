using System.Numerics;

namespace Actors.Client.LoadTest;

/// <summary>
/// A log-linear histogram of latencies in microseconds, as HdrHistogram lays it out: values below 128 each have a bucket, and
/// every power of two above has 64 linear sub-buckets, so a percentile is within 1/64 (1.6 %) of the true value at a fixed
/// 16 KB whatever the number of samples. Recording is lock-free and safe from many threads.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = SubBuckets * 2;

    /// <summary>The largest value kept apart; larger values count as this (about 19 hours in microseconds).</summary>
    public const long MaxValue = (1L << 36) - 1;

    private readonly long[] _counts = new long[Index(MaxValue) + 1];
    private long _count;
    private long _max;

    /// <summary>How many values were recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The largest value recorded (exact), 0 when none.</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>Records one value (negative counts as 0, beyond <see cref="MaxValue"/> as it).</summary>
    public void Record(long value)
    {
        value = Math.Clamp(value, 0, MaxValue);
        Interlocked.Increment(ref _counts[Index(value)]);
        Interlocked.Increment(ref _count);
        RaiseMax(value);
    }

    /// <summary>Adds every value of <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            if (other._counts[i] != 0)
            {
                Interlocked.Add(ref _counts[i], other._counts[i]);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        RaiseMax(other.Max);
    }

    /// <summary>
    /// The value at percentile <paramref name="percentile"/> (0 to 100): the highest value of the bucket holding the sample of
    /// that rank, never above the largest value recorded; 0 when nothing was recorded.
    /// </summary>
    public long Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var count = Count;
        if (count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestOf(i), Max);
            }
        }

        return Max;
    }

    private void RaiseMax(long value)
    {
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }

    private static int Index(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - SubBucketBits;
        return LinearLimit + ((shift - 1) * SubBuckets) + (int)((value >> shift) - SubBuckets);
    }

    private static long HighestOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var sub = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        return ((long)(sub + 1) << shift) - 1;
    }
}
