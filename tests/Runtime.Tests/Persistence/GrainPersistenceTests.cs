using System.Collections.Concurrent;
using System.Text;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Persistence;

/// <summary>
/// What grains see of persistent state, run against every storage provider. Each test gets its own database; subclasses
/// open providers on it, and every provider they open shares it, as silos do.
/// </summary>
public abstract class GrainPersistenceTests : IAsyncLifetime
{
    /// <summary>A new provider over this test's database.</summary>
    protected abstract IGrainStorage OpenStorage();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task State_survives_a_silo_restart()
    {
        await using (var first = await TestSilo.StartAsync(OpenStorage()))
        {
            var grain = first.GrainFactory.GetGrain<IStateGrain>("survivor");
            await grain.Add(5);
            await grain.Add(37);
        }

        await using var second = await TestSilo.StartAsync(OpenStorage());
        var again = second.GrainFactory.GetGrain<IStateGrain>("survivor");
        Assert.Equal(42, await again.Get());
        Assert.Equal(2, await again.GetVersion());
    }

    [Fact]
    public async Task Two_activations_writing_one_state_commit_once_and_the_loser_is_deactivated()
    {
        var storage = OpenStorage();
        await using var silo1 = await TestSilo.StartAsync(storage);
        await using var silo2 = await TestSilo.StartAsync(OpenStorage());
        var onSilo1 = silo1.GrainFactory.GetGrain<IStateGrain>("contested");
        var onSilo2 = silo2.GrainFactory.GetGrain<IStateGrain>("contested");
        Assert.Equal(0, await onSilo1.Get());
        Assert.Equal(0, await onSilo2.Get());

        Assert.Equal(1, await onSilo1.Add(1));
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => onSilo2.Add(5));
        Assert.Contains("state/contested", conflict.Message, StringComparison.Ordinal);

        var runtime2 = silo2.Runtime();
        await Wait.UntilAsync(() => !runtime2.Catalog.TryGet(GrainId.Create("state", "contested"), out _), "the losing activation to leave");
        var stored = await storage.ReadAsync(GrainId.Create("state", "contested"), "counter", default);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(1, await onSilo2.Get());
        Assert.Equal(3, await onSilo2.Add(2));
    }

    [Fact]
    public async Task Group_commit_answers_no_writer_before_its_transaction_commits()
    {
        var storage = new FaultInjectingGrainStorage(OpenStorage());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = new ConcurrentDictionary<string, bool>();
        storage.BeforeWrite = async _ =>
        {
            held.TrySetResult();
            await gate.Task;
        };
        storage.AfterCommit = writes =>
        {
            foreach (var write in writes)
            {
                committed[write.GrainId.Key] = true;
            }
        };
        await using var silo = await TestSilo.StartAsync(storage);

        var violations = new ConcurrentQueue<string>();
        var writes = Enumerable.Range(0, 50).Select(async i =>
        {
            var key = $"g{i}";
            await silo.GrainFactory.GetGrain<IStateGrain>(key).Add(1);
            if (!committed.ContainsKey(key))
            {
                violations.Enqueue(key);
            }
        }).ToArray();

        await Wait.ForAsync(held.Task.ContinueWith(_ => 0, TaskScheduler.Default), "a batch to reach storage");
        Assert.All(writes, w => Assert.False(w.IsCompleted));

        gate.SetResult();
        await Wait.ForAsync(Task.WhenAll(writes).ContinueWith(_ => 0, TaskScheduler.Default), "all writes");
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Empty(violations);
        Assert.Equal(50, storage.CommittedWrites);
        Assert.True(storage.CommittedBatches < 50, $"expected grouped commits, got {storage.CommittedBatches} batches for 50 writes");
    }

    [Fact]
    public async Task A_failed_transaction_fails_its_writers_and_changes_nothing()
    {
        var storage = new FaultInjectingGrainStorage(OpenStorage());
        await using var silo = await TestSilo.StartAsync(storage);
        var grain = silo.GrainFactory.GetGrain<IStateGrain>("faulty");
        Assert.Equal(1, await grain.Add(1));

        storage.FailNextWrites(1);
        await Assert.ThrowsAsync<StorageException>(() => grain.Add(10));

        var stored = await storage.Inner.ReadAsync(GrainId.Create("state", "faulty"), "counter", default);
        Assert.Equal(1, stored!.Version);
        Assert.Equal(21, await grain.Add(10));
    }

    [Fact]
    public async Task Corrupt_stored_state_fails_activation_with_a_clear_error_and_is_left_untouched()
    {
        var storage = OpenStorage();
        var id = GrainId.Create("state", "corrupt");
        var junk = Encoding.UTF8.GetBytes("{not json");
        var seed = StateWrite.Put(id, "counter", junk, 0);
        await storage.InitializeAsync(default);
        await storage.WriteBatchAsync([seed], default);
        Assert.Equal(StateWriteOutcome.Committed, seed.Outcome);
        await using var silo = await TestSilo.StartAsync(storage);

        var error = await Assert.ThrowsAsync<CorruptStateException>(() => silo.GrainFactory.GetGrain<IStateGrain>("corrupt").Get());

        Assert.Contains("state/corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("'counter'", error.Message, StringComparison.Ordinal);
        var stored = await storage.ReadAsync(id, "counter", default);
        Assert.Equal(junk, stored!.Data);
        Assert.Equal(1, stored.Version);
        Assert.Equal(7, await silo.GrainFactory.GetGrain<IStateGrain>("healthy").Add(7));
    }

    [Fact]
    public async Task Clearing_state_resets_it_and_keeps_versions_moving_forward()
    {
        var storage = OpenStorage();
        await using var silo = await TestSilo.StartAsync(storage);
        var grain = silo.GrainFactory.GetGrain<IStateGrain>("cleared");
        await grain.Add(3);

        await grain.Clear();

        Assert.Equal(0, await grain.Get());
        Assert.Equal(2, await grain.GetVersion());
        var stored = await storage.ReadAsync(GrainId.Create("state", "cleared"), "counter", default);
        Assert.Null(stored!.Data);
        Assert.Equal(4, await grain.Add(4));
    }
}

public sealed class MemoryGrainPersistenceTests : GrainPersistenceTests
{
    private readonly MemoryGrainStorage _storage = new();

    protected override IGrainStorage OpenStorage() => _storage;
}
