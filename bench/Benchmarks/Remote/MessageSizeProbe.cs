using System.Diagnostics.Metrics;

namespace Actors.Benchmarks.Remote;

/// <summary>
/// Listens to Orleans's <c>orleans-messaging-sent-messages-size</c> histogram while it is alive and averages the size of the
/// requests this process sends to other silos, so that the echo baseline can send frames of the same size.
/// </summary>
internal sealed class MessageSizeProbe : IDisposable
{
    private const string Instrument = "orleans-messaging-sent-messages-size";
    private readonly MeterListener _listener = new();
    private long _bytes;
    private long _messages;

    public MessageSizeProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "MessageDirection" && tag.Value as string == "Request")
                {
                    Interlocked.Add(ref _bytes, size);
                    Interlocked.Increment(ref _messages);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Requests seen so far.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>The mean size of the requests seen, in bytes (header and body); 0 when none was seen.</summary>
    public int MeanRequestBytes => Messages == 0 ? 0 : (int)Math.Round(Interlocked.Read(ref _bytes) / (double)Messages);

    public void Dispose() => _listener.Dispose();
}
