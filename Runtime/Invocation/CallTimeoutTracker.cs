using System.Collections.Concurrent;

namespace Actors.Runtime.Invocation;

/// <summary>
/// Ends calls that outlive their response timeout. Only calls that did not complete synchronously register, and the call
/// path reads no clock: deadlines are counted from a clock the scan refreshes, so a call times out up to two scan periods late,
/// never early.
/// </summary>
internal sealed class CallTimeoutTracker : IDisposable
{
    private readonly ConcurrentDictionary<ITimeoutTarget, Deadline> _pending = new(ReferenceEqualityComparer.Instance);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeSpan _scanPeriod;
    private readonly ITimer _timer;
    private long _nowTicks;

    public CallTimeoutTracker(TimeProvider timeProvider, TimeSpan defaultTimeout, TimeSpan scanPeriod)
    {
        _timeProvider = timeProvider;
        _defaultTimeout = defaultTimeout;
        _scanPeriod = scanPeriod;
        _nowTicks = timeProvider.GetUtcNow().UtcTicks;
        _timer = timeProvider.CreateTimer(static state => ((CallTimeoutTracker)state!).Scan(), this, scanPeriod, scanPeriod);
    }

    public int PendingCount => _pending.Count;

    public void Register(ITimeoutTarget target, GrainMethod method)
    {
        var timeout = method.ResponseTimeout ?? _defaultTimeout;

        // The clock may be up to one scan period old: add the period so that no call times out early, saturating at the top.
        var allowed = timeout.Ticks + _scanPeriod.Ticks;
        var now = Volatile.Read(ref _nowTicks);
        var deadline = allowed < 0 || now > long.MaxValue - allowed ? long.MaxValue : now + allowed;
        _pending[target] = new Deadline(deadline, timeout);
    }

    public void Unregister(ITimeoutTarget target) => _pending.TryRemove(target, out _);

    public void Scan()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        Volatile.Write(ref _nowTicks, now);
        foreach (var (target, deadline) in _pending)
        {
            if (deadline.Ticks <= now && _pending.TryRemove(target, out _))
            {
                target.OnTimeout(deadline.Timeout);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private readonly record struct Deadline(long Ticks, TimeSpan Timeout);
}
