using System.Diagnostics.Metrics;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Runtime.Tests.Scheduling;

/// <summary>Grain code, callers and storage misbehaving: the silo keeps serving, keeps order and can still stop.</summary>
public sealed class FaultToleranceTests
{
    [Fact]
    public async Task Calls_moved_to_the_next_activation_stay_ahead_of_later_calls()
    {
        var (silo, board) = await ProbeSilo.StartAsync();
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("fifo");
        await grain.Increment();
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        Task<int>? second = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "actors.deactivations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };

        // Issued inside the hand-over, after the first call was queued on the ending activation.
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => second ??= grain.Exclusive("second"));
        listener.Start();
        board.Hold("held");
        var held = grain.Exclusive("held");
        await Wait.UntilAsync(() => board.Entered == 1, "the held call to enter");
        var leave = grain.Deactivate();
        var first = grain.Exclusive("first");
        board.Release("held");

        await Wait.ForAsync(Task.WhenAll(held, first), "the first call");
        await leave;
        await Wait.UntilAsync(() => second is not null, "the second call to be issued");
        await Wait.ForAsync(second!, "the second call");
        Assert.Equal(["first", "second"], board.EnteredLabels.Where(l => l is "first" or "second"));
    }

    [Fact]
    public async Task A_call_never_times_out_before_its_response_timeout()
    {
        var time = new FakeTimeProvider();
        var (silo, board) = await ProbeSilo.StartAsync(time);
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("early");
        await grain.Echo("activate");
        time.Advance(TimeSpan.FromMilliseconds(190));
        board.Hold("stuck");
        var call = grain.Slow("stuck");
        await Wait.UntilAsync(() => board.Entered == 1, "the slow call to enter");

        time.Advance(TimeSpan.FromMilliseconds(1990));
        var early = call.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => Wait.ForAsync(call, "the timeout"));
        board.Release("stuck");
        Assert.False(early);
    }

    [Fact]
    public async Task A_huge_response_timeout_does_not_overflow_into_an_immediate_timeout()
    {
        var time = new FakeTimeProvider();
        var (silo, board) = await ProbeSilo.StartAsync(time, new Dictionary<string, string?> { ["Silo:ResponseTimeout"] = TimeSpan.MaxValue.ToString() });
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("huge");
        board.Hold("held");
        var call = grain.Exclusive("held");
        await Wait.UntilAsync(() => board.Entered == 1, "the call to enter");

        time.Advance(TimeSpan.FromDays(1));

        Assert.False(call.IsCompleted);
        board.Release("held");
        await call;
    }

    [Fact]
    public async Task Calls_that_timed_out_behind_a_stuck_turn_do_not_stay_queued()
    {
        var time = new FakeTimeProvider();
        var (silo, board) = await ProbeSilo.StartAsync(time);
        await using var _ = silo;
        var grain = silo.GrainFactory.GetGrain<IProbeGrain>("stuck");
        board.Hold("stuck");
        var stuck = grain.Exclusive("stuck");
        await Wait.UntilAsync(() => board.Entered == 1, "the stuck call to enter");
        var calls = Enumerable.Range(0, 1000).Select(i => grain.Exclusive($"c{i}")).ToArray();

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.All(calls, c => Assert.True(c.IsFaulted));
        Assert.True(silo.Runtime().Catalog.TryGet(GrainId.Create("probe", "stuck"), out var activation));
        Assert.Equal(0, activation.QueueLength);
        board.Release("stuck");
    }

    [Fact]
    public async Task A_hung_activation_is_abandoned_after_the_activation_timeout()
    {
        var time = new FakeTimeProvider();
        var (silo, _) = await ProbeSilo.StartAsync(time);
        await using var __ = silo;
        var grain = silo.GrainFactory.GetGrain<IStuckActivationGrain>("hung");
        var first = grain.Ping();

        time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAnyAsync<TimeoutException>(() => Wait.ForAsync(first, "the first call to fail"));
        await Wait.UntilAsync(() => !silo.Runtime().Catalog.TryGet(GrainId.Create("stuck-activation", "hung"), out _), "the hung activation to leave");
        StuckActivationGrain.Gate.TrySetResult();
        Assert.Equal(1, await Wait.ForAsync(grain.Ping(), "a fresh activation"));
    }

    [Fact]
    public async Task A_timer_callback_returning_null_neither_crashes_nor_wedges_the_grain()
    {
        var time = new FakeTimeProvider();
        var (silo, _) = await ProbeSilo.StartAsync(time);
        await using var __ = silo;
        var grain = silo.GrainFactory.GetGrain<INullTimerGrain>("null-timer");
        await grain.Arm();

        time.Advance(TimeSpan.FromSeconds(1));

        // The tick is queued ahead of this call, so the call completes only if the tick's turn ended.
        Assert.Equal(1, await Wait.ForAsync(grain.Ping(), "a call after the tick"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Wait.ForAsync(grain.Ping(), "a call after the second tick"));
    }

    [Fact]
    public async Task Shutdown_is_bounded_when_a_storage_write_hangs()
    {
        var storage = new FaultInjectingGrainStorage(new MemoryGrainStorage());
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource();
        storage.BeforeWrite = _ =>
        {
            reached.TrySetResult();
            return never.Task;
        };
        var silo = await TestSilo.StartAsync(storage, settings: new Dictionary<string, string?> { ["Silo:ShutdownTimeout"] = "00:00:00.200" },
            configureServices: s => s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)));
        var write = silo.GrainFactory.GetGrain<IStateGrain>("w").Add(1);
        await Wait.ForAsync(reached.Task.ContinueWith(_ => 0, TaskScheduler.Default), "the write to reach storage");

        await Wait.ForAsync(silo.StopAsync().ContinueWith(_ => 0, TaskScheduler.Default), "the silo to stop", TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<StorageException>(() => Wait.ForAsync(write, "the write to fail"));
        Assert.Equal(SiloStatus.Dead, silo.Silo.Status);
        never.TrySetResult();
    }
}
