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
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
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

    private static string Key(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        tags.Length == 0 ? instrument.Name : $"{instrument.Name}|{tags[0].Value}";
}
