using System.Diagnostics;
using System.Diagnostics.Metrics;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments, on the meter <see cref="MeterName"/>. Tagged measurements are only built when someone listens,
/// so an unobserved silo pays a flag check per call.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    /// <summary>The meter and activity source name.</summary>
    public const string MeterName = "Actors.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _deactivations;
    private readonly Counter<long> _stateWrites;
    private readonly Counter<long> _stateConflicts;
    private readonly Counter<long> _batchFailures;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _reminderTicks;
    private readonly Counter<long> _reminderFailures;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _calls = _meter.CreateCounter<long>("actors.grain.calls", description: "Grain calls received, by method.");
        _activations = _meter.CreateUpDownCounter<long>("actors.activations", description: "Live activations, by grain type.");
        _deactivations = _meter.CreateCounter<long>("actors.deactivations", description: "Deactivations, by grain type and reason.");
        _stateWrites = _meter.CreateCounter<long>("actors.storage.writes", description: "State writes committed, by provider.");
        _stateConflicts = _meter.CreateCounter<long>("actors.storage.conflicts", description: "State writes that lost their version check.");
        _batchFailures = _meter.CreateCounter<long>("actors.storage.batch.failures", description: "Batches whose transaction failed.");
        _batchSize = _meter.CreateHistogram<int>("actors.storage.batch.size", description: "Writes per committed batch.");
        _batchDuration = _meter.CreateHistogram<double>("actors.storage.batch.duration", unit: "ms", description: "Time to commit a batch.");
        _reminderTicks = _meter.CreateCounter<long>("actors.reminders.ticks", description: "Reminder ticks delivered to grains, by grain type.");
        _reminderFailures = _meter.CreateCounter<long>("actors.reminders.failures", description: "Reminder ticks that failed and will be retried, by grain type.");
    }

    /// <summary>The runtime's activity source, for traces of activations and storage batches.</summary>
    public static ActivitySource ActivitySource { get; } = new(MeterName);

    internal void CallReceived(GrainMethod method)
    {
        if (_calls.Enabled)
        {
            _calls.Add(1, new KeyValuePair<string, object?>("method", method.DisplayName));
        }
    }

    internal void ActivationCreated(string grainType) =>
        _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void ActivationRemoved(string grainType, DeactivationReason reason)
    {
        _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));
        _deactivations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType), new KeyValuePair<string, object?>("reason", reason.ToString()));
    }

    internal void BatchCommitted(string provider, int writes, int conflicts, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("provider", provider);
        _stateWrites.Add(writes - conflicts, tag);
        if (conflicts > 0)
        {
            _stateConflicts.Add(conflicts, tag);
        }

        _batchSize.Record(writes, tag);
        _batchDuration.Record(duration.TotalMilliseconds, tag);
    }

    internal void BatchFailed(string provider) => _batchFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));

    internal void ReminderTickDelivered(string grainType) => _reminderTicks.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    internal void ReminderTickFailed(string grainType) => _reminderFailures.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
