using System.Collections.Concurrent;
using System.Diagnostics;

namespace Actors.Client.LoadTest;

/// <summary>
/// What a run measured: every request's latency in one histogram and one per kind, the errors by problem code (or status,
/// or <c>timeout</c> and <c>connection</c> when no answer came), the 5xx answers, and per second of the run the requests
/// completed, their errors and their latency histogram. Safe from many threads.
/// </summary>
internal sealed class RunStats
{
    private readonly long _start;
    private readonly Second[] _seconds;
    private readonly ConcurrentDictionary<string, LatencyHistogram> _kinds = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _errorCount;
    private long _serverErrors;

    /// <summary>Stats of a run started at <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp), timeline of that many seconds.</summary>
    public RunStats(long start, int seconds)
    {
        _start = start;
        _seconds = [.. Enumerable.Range(0, Math.Max(1, seconds)).Select(_ => new Second())];
    }

    /// <summary>The whole seconds since the run started.</summary>
    public int Elapsed => (int)Stopwatch.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Every request's latency.</summary>
    public LatencyHistogram All { get; } = new();

    /// <summary>How many requests got no success: refused, failed or unanswered.</summary>
    public long Errors => Volatile.Read(ref _errorCount);

    /// <summary>How many answers were 5xx.</summary>
    public long ServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>The errors by code.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode => _errors;

    /// <summary>The latency histogram of each kind of request.</summary>
    public IReadOnlyDictionary<string, LatencyHistogram> Kinds => _kinds;

    /// <summary>The seconds of the timeline (the last one also holds anything later).</summary>
    public IReadOnlyList<Second> Seconds => _seconds;

    /// <summary>Records a request of <paramref name="kind"/> that took <paramref name="latency"/>; <paramref name="error"/> null on success.</summary>
    public void Record(string kind, TimeSpan latency, string? error, int status)
    {
        var micros = (long)latency.TotalMicroseconds;
        All.Record(micros);
        _kinds.GetOrAdd(kind, _ => new LatencyHistogram()).Record(micros);
        var second = _seconds[Math.Clamp((int)Stopwatch.GetElapsedTime(_start).TotalSeconds, 0, _seconds.Length - 1)];
        second.Latency.Record(micros);
        Interlocked.Increment(ref second.Operations);
        if (error is not null)
        {
            Fail(error, status, second);
        }
    }

    /// <summary>Records an error with no latency: a step the tester could not start.</summary>
    public void RecordUnstarted(string error) =>
        Fail(error, 0, _seconds[Math.Clamp((int)Stopwatch.GetElapsedTime(_start).TotalSeconds, 0, _seconds.Length - 1)]);

    private void Fail(string error, int status, Second second)
    {
        _errors.AddOrUpdate(error, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _errorCount);
        Interlocked.Increment(ref second.Errors);
        if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
    }

    /// <summary>One second of the timeline.</summary>
    internal sealed class Second
    {
#pragma warning disable CA1051 // counted with Interlocked through ref
        public long Operations;
        public long Errors;
#pragma warning restore CA1051

        public LatencyHistogram Latency { get; } = new();
    }
}
