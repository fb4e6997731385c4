using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Diagnostics;

public sealed class RuntimeMetricsTests
{
    [Fact]
    public async Task Calls_activations_and_committed_writes_are_measured_on_the_runtime_meter()
    {
        var silo = await TestSilo.StartAsync();
        await using var _ = silo;
        var (listener, totals) = Listen(silo);
        using var __ = listener;

        var grain = silo.GrainFactory.GetGrain<IStateGrain>("measured");
        await grain.Add(1);
        await grain.Add(2);
        await grain.Get();

        Assert.Equal(1, totals.GetValueOrDefault("actors.grain.calls|IStateGrain.Get"));
        Assert.Equal(2, totals.GetValueOrDefault("actors.grain.calls|IStateGrain.Add"));
        Assert.Equal(1, totals.GetValueOrDefault("actors.activations|state"));
        Assert.Equal(2, totals.GetValueOrDefault("actors.storage.writes|memory"));
        Assert.Equal(2, totals.GetValueOrDefault("actors.storage.batch.size|memory"));
    }

    [Fact]
    public async Task Reminder_ticks_and_failed_attempts_are_measured_by_grain_type()
    {
        var time = new FakeTimeProvider();
        var board = new ReminderBoard();
        var silo = await TestSilo.StartAsync(timeProvider: time, configureServices: s => s.AddSingleton(board));
        await using var _ = silo;
        var (listener, totals) = Listen(silo);
        using var __ = listener;
        board.FailNext("r", 1);

        await silo.GrainFactory.GetGrain<IAlarmGrain>("m").Register("r", TimeSpan.Zero, TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => totals.GetValueOrDefault("actors.reminders.failures|alarm") == 1, "the failed attempt to be counted");
        time.Advance(TimeSpan.FromSeconds(1));

        await Wait.UntilAsync(() => totals.GetValueOrDefault("actors.reminders.ticks|alarm") == 1, "the delivered tick to be counted");
        Assert.Equal(2, board.Sequences("m", "r").Count);
    }

    /// <summary>Sums every measurement of the silo's runtime meter by instrument and first tag.</summary>
    private static (MeterListener Listener, ConcurrentDictionary<string, long> Totals) Listen(TestSilo silo)
    {
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RuntimeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => totals.AddOrUpdate(Key(instrument, tags), value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => totals.AddOrUpdate(Key(instrument, tags), value, (_, v) => v + value));
        listener.Start();
        return (listener, totals);
    }

    private static string Key(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.Length == 0 ? instrument.Name : $"{instrument.Name}|{tags[0].Value}";
}
