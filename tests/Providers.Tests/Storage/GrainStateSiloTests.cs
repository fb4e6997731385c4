using Actors.Providers.Storage;
using Actors.Testing;
using Orleans.Storage;

namespace Actors.Providers.Tests.Storage;

/// <summary>The providers' grain storage under real Orleans silos: activation, deactivation, restarts, split activations.</summary>
public sealed class GrainStateSiloTests(TempFolderFixture folder) : IClassFixture<TempFolderFixture>
{
    [Fact]
    public async Task A_grains_state_survives_deactivation_and_a_cluster_restart_on_sqlite()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:Path"] = Path.Combine(folder.Path, "restart"),
        };
        Guid firstActivation;
        await using (var cluster = await TestClusters.StartAsync(settings))
        {
            var grain = cluster.Client.GetGrain<ICounterGrain>("survivor");
            await grain.Add(5);
            Assert.Equal(42, await grain.Add(37));
            firstActivation = await grain.GetActivationId();

            await cluster.DeactivateAsync(grain);

            Assert.NotEqual(firstActivation, await grain.GetActivationId());
            Assert.Equal(42, await grain.Get());
            Assert.Equal("2", await grain.GetEtag());
        }

        Assert.True(File.Exists(Path.Combine(folder.Path, "restart", "actors.db")));
        await using var restarted = await TestClusters.StartAsync(settings);
        var again = restarted.Client.GetGrain<ICounterGrain>("survivor");
        Assert.Equal(42, await again.Get());
        Assert.Equal("2", await again.GetEtag());
    }

    [Fact]
    public async Task A_second_activations_stale_write_fails_with_InconsistentStateException_and_its_next_activation_reads_the_winner()
    {
        // Two clusters over one storage: each activates the grain, as two silos that disagree about ownership would.
        var shared = new FaultInjectingGrainStorage(new InMemoryGrainStorage());
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "memory" };
        await using var first = await TestClusters.StartAsync(settings, shared);
        await using var second = await TestClusters.StartAsync(settings, shared);
        var onFirst = first.Client.GetGrain<ICounterGrain>("contested");
        var onSecond = second.Client.GetGrain<ICounterGrain>("contested");
        Assert.Equal(0, await onFirst.Get());
        Assert.Equal(0, await onSecond.Get());
        var staleActivation = await onSecond.GetActivationId();

        Assert.Equal(1, await onFirst.Add(1));
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => onSecond.Add(5));

        Assert.Equal(("1", null), (conflict.StoredEtag, conflict.CurrentEtag));
        Assert.Contains("test-counter/contested", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(1, shared.CommittedWrites);
        await Wait.UntilAsync(async () => await onSecond.GetActivationId() != staleActivation, "the stale activation to be replaced");
        Assert.Equal(1, await onSecond.Get());
        Assert.Equal(3, await onSecond.Add(2));
        Assert.Equal(2, shared.CommittedWrites);
    }

    [Fact]
    public async Task A_storage_fault_fails_the_grain_call_with_StorageUnavailableException_and_the_grain_recovers()
    {
        var shared = new FaultInjectingGrainStorage(new InMemoryGrainStorage());
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "memory" };
        await using var cluster = await TestClusters.StartAsync(settings, shared, silos: 2);
        var grain = cluster.Client.GetGrain<ICounterGrain>("faulty");
        Assert.Equal(1, await grain.Add(1));

        shared.FailNextWrites(1);
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Add(10));

        Assert.StartsWith("injected", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, shared.CommittedWrites);
        Assert.Equal(21, await grain.Add(10));
    }

    [Fact]
    public async Task A_corrupt_record_fails_the_activation_with_CorruptStateException_and_other_grains_still_work()
    {
        var memory = new InMemoryGrainStorage();
        var junk = "{not json"u8.ToArray();
        memory.Store.Overwrite(new StateKey("test-counter", "corrupt", "counter"), junk, version: 3);
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "memory" };
        await using var cluster = await TestClusters.StartAsync(settings, memory);

        var error = await Assert.ThrowsAsync<CorruptStateException>(() => cluster.Client.GetGrain<ICounterGrain>("corrupt").Get());

        Assert.Contains("test-counter/corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("'counter'", error.Message, StringComparison.Ordinal);
        var stored = await memory.Store.ReadAsync(new StateKey("test-counter", "corrupt", "counter"), CancellationToken.None);
        Assert.Equal(junk, stored?.Data);
        Assert.Equal(7, await cluster.Client.GetGrain<ICounterGrain>("healthy").Add(7));
    }
}
