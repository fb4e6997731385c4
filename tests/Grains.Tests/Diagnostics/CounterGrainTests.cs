using Actors.Grains.Interfaces.Diagnostics;
using Actors.Runtime;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;

namespace Actors.Grains.Tests.Diagnostics;

public sealed class CounterGrainTests
{
    [Fact]
    public async Task A_retried_operation_counts_once_even_after_reactivation()
    {
        var storage = new MemoryGrainStorage();
        await using (var silo = await GrainSilo.StartAsync(storage))
        {
            var counter = silo.GrainFactory.GetGrain<ICounterGrain>("c");
            Assert.Equal(5, await counter.Add("op-1", 5));
            Assert.Equal(5, await counter.Add("op-1", 5));
            Assert.Equal(7, await counter.Add("op-2", 2));
        }

        await using var restarted = await GrainSilo.StartAsync(storage);
        var again = restarted.GrainFactory.GetGrain<ICounterGrain>("c");
        Assert.Equal(7, await again.Add("op-1", 5));
        Assert.Equal(7, await again.Get());
        Assert.Equal(10, await again.Add("op-3", 3));
    }

    [Fact]
    public async Task Only_the_most_recent_operation_ids_are_remembered()
    {
        await using var silo = await GrainSilo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("window");
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
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        await using var silo = await GrainSilo.StartAsync(storage);
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("faulty");
        await counter.Add("a", 1);

        storage.FailNextWrites(1);
        await Assert.ThrowsAsync<StorageException>(() => counter.Add("b", 10));

        Assert.Equal(1, await counter.Get());
        Assert.Equal(11, await counter.Add("b", 10));
    }

    [Fact]
    public async Task Bad_operation_ids_are_refused()
    {
        await using var silo = await GrainSilo.StartAsync();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("bad");

        await Assert.ThrowsAsync<ArgumentException>(() => counter.Add(string.Empty, 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => counter.Add(new string('x', CounterLimits.MaxOperationIdLength + 1), 1));
        Assert.Equal(0, await counter.Get());
    }
}
