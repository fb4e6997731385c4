using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task Exclusive_calls_to_one_grain_never_overlap()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("one");
        board.Hold("first");
        var first = grain.Exclusive("first");
        await Wait.UntilAsync(() => board.Entered == 1, "the first call to enter");

        var waiting = Enumerable.Range(0, 20).Select(i => grain.Exclusive($"next-{i}")).ToArray();

        // A scheduler that let them in would have run their synchronous start already.
        Assert.Equal(1, board.Entered);
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        board.Release("first");
        var results = await Wait.ForAsync(Task.WhenAll(waiting.Prepend(first)), "all calls to finish");
        Assert.Equal(1, board.MaxInFlight);
        Assert.Equal(Enumerable.Range(1, 21), results.Order());
    }

    [Fact]
    public async Task Many_concurrent_callers_see_one_call_at_a_time()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("busy");

        var calls = Enumerable.Range(0, 500).Select(i => Task.Run(() => grain.Exclusive($"c{i}"))).ToArray();
        var results = await Wait.ForAsync(Task.WhenAll(calls), "500 calls");

        Assert.Equal(1, board.MaxInFlight);
        Assert.Equal(Enumerable.Range(1, 500), results.Order());
    }

    [Fact]
    public async Task A_burst_of_first_calls_creates_one_activation()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("fresh");
        using var start = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return grain.Increment();
        })).ToArray();
        start.Set();
        var results = await Wait.ForAsync(Task.WhenAll(calls), "200 first calls");

        Assert.Equal(["fresh"], board.Activations);
        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Read_only_calls_overlap_each_other_but_not_a_writer()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("readers");
        board.Hold("r1");
        board.Hold("r2");

        var r1 = grain.Read("r1");
        var r2 = grain.Read("r2");
        await Wait.UntilAsync(() => board.InFlight == 2, "both readers inside at once");

        var writer = grain.Exclusive("w");
        Assert.DoesNotContain("w", board.EnteredLabels);

        board.Release("r1");
        board.Release("r2");
        await Wait.ForAsync(Task.WhenAll(r1, r2, writer), "readers and writer");
        Assert.Equal(2, board.MaxInFlight);
        Assert.Equal("w", board.EnteredLabels.Last());
    }

    [Fact]
    public async Task A_reader_waits_for_a_running_writer()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("writer-first");
        board.Hold("w");
        var writer = grain.Exclusive("w");
        await Wait.UntilAsync(() => board.Entered == 1, "the writer to enter");

        var reader = grain.Read("r");
        Assert.Equal(1, board.Entered);

        board.Release("w");
        await Wait.ForAsync(Task.WhenAll(writer, reader), "writer then reader");
        Assert.Equal(["w", "r"], board.EnteredLabels);
    }

    [Fact]
    public async Task Always_interleave_runs_while_an_exclusive_call_is_held()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("interleave");
        board.Hold("held");
        var held = grain.Exclusive("held");
        await Wait.UntilAsync(() => board.Entered == 1, "the held call to enter");

        await Wait.ForAsync(grain.Interleaved("quick"), "the interleaved call while the other is held");

        Assert.False(held.IsCompleted);
        board.Release("held");
        await held;
    }

    [Fact]
    public async Task A_call_past_its_timeout_fails_with_a_timeout_error()
    {
        var time = new FakeTimeProvider();
        var (silo, board) = await ProbeSilo.StartAsync(time);
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("slow");
        board.Hold("stuck");

        var call = grain.Slow("stuck");
        await Wait.UntilAsync(() => board.Entered == 1, "the slow call to enter");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => Wait.ForAsync(call, "the timeout"));
        Assert.Contains("IProbeGrain.Slow", error.Message, StringComparison.Ordinal);
        Assert.Contains("probe/slow", error.Message, StringComparison.Ordinal);

        board.Release("stuck");
        Assert.Equal("still here", await grain.Echo("still here"));
    }

    [Fact]
    public async Task A_call_waiting_in_the_queue_times_out_with_the_default_timeout()
    {
        var time = new FakeTimeProvider();
        var settings = new Dictionary<string, string?> { ["Silo:ResponseTimeout"] = "00:00:10" };
        var (silo, board) = await ProbeSilo.StartAsync(time, settings);
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("queued");
        board.Hold("blocker");
        var blocker = grain.Exclusive("blocker");
        await Wait.UntilAsync(() => board.Entered == 1, "the blocker to enter");
        var queued = grain.Exclusive("queued");

        time.Advance(TimeSpan.FromSeconds(11));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => Wait.ForAsync(queued, "the queued call to time out"));
        board.Release("blocker");
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => blocker);
        Assert.Equal(5, await grain.Increment() + 4);
        Assert.DoesNotContain("queued", board.EnteredLabels);
    }

    [Fact]
    public async Task A_grain_that_throws_keeps_serving_and_keeps_its_memory()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("thrower");
        Assert.Equal(1, await grain.Increment());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("boom"));
        Assert.Equal("boom", error.Message);

        Assert.Equal(2, await grain.Increment());
    }

    [Fact]
    public async Task Synchronous_and_value_task_methods_return_their_results()
    {
        var (silo, _) = await ProbeSilo.StartAsync();
        await using var __ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("sync");

        Assert.Equal("hello", await grain.Echo("hello"));
        await grain.Nothing();
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await grain.Increment());
    }
}
