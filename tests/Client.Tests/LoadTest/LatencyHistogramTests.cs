using Actors.Client.LoadTest;

namespace Actors.Client.Tests.LoadTest;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Percentile_RandomData_WithinOneSixtyFourthOfTheSortedReference(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 50_000).Select(_ => (long)Math.Exp(random.NextDouble() * 16)).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        Array.Sort(values);
        foreach (var percentile in new[] { 0.0, 1, 25, 50, 90, 99, 99.9, 100 })
        {
            var reference = values[Math.Max(0, (int)Math.Ceiling(percentile / 100 * values.Length) - 1)];
            var measured = histogram.Percentile(percentile);

            Assert.InRange(measured, reference, reference + (reference / 64) + 1);
        }

        Assert.Equal(values[^1], histogram.Max);
        Assert.Equal(values.Length, histogram.Count);
    }

    [Fact]
    public void Percentile_SmallValues_Exact()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i);
        }

        Assert.Equal(50, histogram.Percentile(50));
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(100, histogram.Percentile(100));
    }

    [Fact]
    public void Record_FromManyThreads_CountsEveryValue()
    {
        var histogram = new LatencyHistogram();
        Parallel.For(0, 100_000, i => histogram.Record(i % 5000));

        Assert.Equal(100_000, histogram.Count);
        Assert.Equal(4999, histogram.Max);
    }

    [Fact]
    public void Add_MergesCountsAndMax()
    {
        var (a, b) = (new LatencyHistogram(), new LatencyHistogram());
        a.Record(10);
        b.Record(1_000_000);
        a.Add(b);

        Assert.Equal(2, a.Count);
        Assert.Equal(1_000_000, a.Max);
        Assert.Equal(10, a.Percentile(50));
    }

    [Fact]
    public void Percentile_Empty_IsZero_AndOutOfRangeValuesAreClamped()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.Percentile(99));

        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(0, histogram.Percentile(50));
        Assert.Equal(LatencyHistogram.MaxValue, histogram.Max);
    }
}
