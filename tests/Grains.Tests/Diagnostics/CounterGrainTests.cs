using Actors.Grains.Interfaces.Diagnostics;
using Actors.Providers.Storage;

namespace Actors.Grains.Tests.Diagnostics;

[Collection(SharedGrainCluster.Collection)]
public sealed class CounterGrainTests(SharedGrainCluster cluster)
{
    private readonly TestKeys _keys = TestKeys.Next();

    [Fact]
    public async Task A_retried_operation_counts_once_even_after_reactivation()
    {
        var counter = cluster.Grains.GetGrain<ICounterGrain>(_keys.Id("c"));
        Assert.Equal(5, await counter.Add("op-1", 5));
        Assert.Equal(5, await counter.Add("op-1", 5));
        Assert.Equal(7, await counter.Add("op-2", 2));

        // The activation goes away; the next one starts from what storage holds.
        await cluster.Host.DeactivateAsync(counter);
        var again = cluster.Grains.GetGrain<ICounterGrain>(_keys.Id("c"));
        Assert.Equal(7, await again.Add("op-1", 5));
        Assert.Equal(7, await again.Get());
        Assert.Equal(10, await again.Add("op-3", 3));
    }

    [Fact]
    public async Task Only_the_most_recent_operation_ids_are_remembered()
    {
        var counter = cluster.Grains.GetGrain<ICounterGrain>(_keys.Id("window"));
        for (var i = 0; i <= CounterLimits.RememberedOperations; i++)
        {
            await counter.Add($"op-{i}", 1);
        }

        var total = CounterLimits.RememberedOperations + 1;
        Assert.Equal(total, await counter.Add($"op-{CounterLimits.RememberedOperations}", 1));
        Assert.Equal(total + 1, await counter.Add("op-0", 1));
    }

    [Fact]
    public async Task A_failed_write_is_not_acknowledged_and_leaves_no_trace()
    {
        var key = _keys.Id("faulty");
        var counter = cluster.Grains.GetGrain<ICounterGrain>(key);
        await counter.Add("a", 1);

        _ = cluster.Storage.FailWriteOf(key, 1, "the counter's write fails");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.Add("b", 10));
        cluster.Storage.BeforeWrite = null;

        Assert.Equal(1, await counter.Get());
        Assert.Equal(11, await counter.Add("b", 10));
    }

    [Fact]
    public async Task Bad_operation_ids_are_refused()
    {
        var counter = cluster.Grains.GetGrain<ICounterGrain>(_keys.Id("bad"));

        await Refused.FieldAsync("operationId", () => counter.Add(string.Empty, 1));
        await Refused.FieldAsync("operationId", () => counter.Add(new string('x', CounterLimits.MaxOperationIdLength + 1), 1));

        Assert.Equal(0, await counter.Get());
    }
}
