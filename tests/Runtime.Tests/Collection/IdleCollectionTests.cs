using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Collection;

public sealed class IdleCollectionTests
{
    [Fact]
    public async Task An_idle_grain_is_deactivated_after_the_default_idle_age()
    {
        var time = new FakeTimeProvider();
        var (silo, board) = await ProbeSilo.StartAsync(time);
        await using var _ = silo;
        await silo.GrainFactory.GetGrain<IProbeGrain>("idle").Echo("hi");
        Assert.Equal(1, silo.Silo.ActivationCount);

        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(1, silo.Silo.ActivationCount);
        Assert.Empty(board.Deactivations);

        time.Advance(TimeSpan.FromMinutes(3));
        await Wait.UntilAsync(() => silo.Silo.ActivationCount == 0, "the idle activation to be collected");
        Assert.Equal(["idle:IdleCollection"], board.Deactivations);
    }

    [Fact]
    public async Task A_grain_in_use_is_kept_and_collected_only_once_it_goes_idle()
    {
        var time = new FakeTimeProvider();
        var settings = new Dictionary<string, string?> { ["Silo:CollectionAge"] = "00:05:00" };
        var (silo, board) = await ProbeSilo.StartAsync(time, settings);
        await using var _ = silo;
        var busy = silo.GrainFactory.GetGrain<IProbeGrain>("busy");
        var idle = silo.GrainFactory.GetGrain<IProbeGrain>("idle");
        await busy.Echo("a");
        await idle.Echo("a");

        for (var minute = 0; minute < 10; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await busy.Echo("still busy");
        }

        await Wait.UntilAsync(() => board.Deactivations.Count == 1, "the idle grain alone to be collected");
        Assert.Equal(["idle:IdleCollection"], board.Deactivations);

        time.Advance(TimeSpan.FromMinutes(7));
        await Wait.UntilAsync(() => silo.Silo.ActivationCount == 0, "the busy grain to be collected once idle");
        Assert.Contains("busy:IdleCollection", board.Deactivations);
    }

    [Fact]
    public async Task A_collected_grain_reactivates_on_the_next_call_with_fresh_memory()
    {
        var time = new FakeTimeProvider();
        var (silo, _) = await ProbeSilo.StartAsync(time);
        await using var __ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("again");
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await grain.Increment());

        time.Advance(TimeSpan.FromMinutes(20));
        await Wait.UntilAsync(() => silo.Silo.ActivationCount == 0, "collection");

        Assert.Equal(1, await grain.Increment());
    }

    [Fact]
    public async Task A_grain_that_asks_to_deactivate_is_dropped_after_its_call_and_shutdown_deactivates_the_rest()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        var leaving = silo.GrainFactory.GetGrain<IProbeGrain>("leaving");
        await silo.GrainFactory.GetGrain<IProbeGrain>("staying").Echo("x");

        await leaving.Deactivate();
        await Wait.UntilAsync(() => board.Deactivations.Contains("leaving:ApplicationRequested"), "the requested deactivation");

        await silo.StopAsync();
        Assert.Contains("staying:ShuttingDown", board.Deactivations);
        Assert.Equal(SiloStatus.Dead, silo.Silo.Status);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.GrainFactory.GetGrain<IProbeGrain>("late").Echo("x").AsTask());
        await silo.DisposeAsync();
    }
}
