using System.Diagnostics.Metrics;

namespace Actors.Providers.Storage;

/// <summary>
/// The group committer's instruments, on the meter <see cref="MeterName"/>, tagged by store. Orleans measures each grain's reads
/// and writes itself; these say how writes were grouped into transactions.
/// </summary>
internal sealed class StorageMetrics : IDisposable
{
    public const string MeterName = "Actors.Providers.Storage";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _batchFailures;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;

    /// <summary>Creates the instruments on a meter from the factory, or on a meter of their own without one (tests).</summary>
    public StorageMetrics(IMeterFactory? meterFactory)
    {
        // A meter from the factory belongs to the factory, which disposes it.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _writes = _meter.CreateCounter<long>("actors.storage.writes", description: "State writes committed, by store.");
        _conflicts = _meter.CreateCounter<long>("actors.storage.conflicts", description: "State writes that lost their ETag check.");
        _batchFailures = _meter.CreateCounter<long>("actors.storage.batch.failures", description: "Batches whose transaction failed.");
        _batchSize = _meter.CreateHistogram<int>("actors.storage.batch.size", description: "Writes per committed batch.");
        _batchDuration = _meter.CreateHistogram<double>(
            "actors.storage.batch.duration", unit: "ms", description: "Time to commit a batch.");
    }

    public void BatchCommitted(string store, int writes, int conflicts, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("store", store);
        _writes.Add(writes - conflicts, tag);
        if (conflicts > 0)
        {
            _conflicts.Add(conflicts, tag);
        }

        _batchSize.Record(writes, tag);
        _batchDuration.Record(duration.TotalMilliseconds, tag);
    }

    public void BatchFailed(string store) => _batchFailures.Add(1, new KeyValuePair<string, object?>("store", store));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
