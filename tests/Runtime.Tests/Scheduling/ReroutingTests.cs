using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Scheduling;

public sealed class ReroutingTests
{
    [Fact]
    public async Task Calls_queued_behind_a_deactivation_run_on_the_next_activation_and_it_keeps_serving()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("moving");
        Assert.Equal(1, await grain.Increment());
        board.Hold("held");
        var held = grain.Exclusive("held");
        await Wait.UntilAsync(() => board.Entered == 1, "the held call to enter");

        var leave = grain.Deactivate();
        var queued = Enumerable.Range(0, 5).Select(i => grain.Exclusive($"after-{i}")).ToArray();
        board.Release("held");

        await Wait.ForAsync(Task.WhenAll(queued.Append(held)), "the queued calls on the next activation");
        await leave;
        Assert.Contains("moving:ApplicationRequested", board.Deactivations);
        Assert.Equal(1, await Wait.ForAsync(grain.Increment(), "a call after the move"));
        Assert.Equal(2, await Wait.ForAsync(grain.Exclusive("last"), "an async call after the move") - 4);
    }
}
