using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Activation;

/// <summary>
/// A timer owned by one activation. Each tick runs as an exclusive turn; the next period starts when the callback ends, so
/// ticks never pile up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IActivationWorkItem, IDisposable
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly CancellationTokenSource _disposed = new();
    private volatile ITimer? _timer;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite for a one-shot timer.");
        }

        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
    }

    public GrainMethodFlags Flags => GrainMethodFlags.None;

    public bool IsCancelled => _disposed.IsCancellationRequested;

    public bool CanReroute => false;

    // Created disarmed and armed once assigned: a tick that completes at once must find the timer to re-arm.
    public void Start()
    {
        _timer = _activation.Runtime.TimeProvider.CreateTimer(
            static state => ((GrainTimer)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Start(ActivationData activation, Grain grain)
    {
        Task tick;
        try
        {
            tick = _callback(_disposed.Token) ?? Task.CompletedTask;
        }
        catch (Exception error)
        {
            tick = Task.FromException(error);
        }

        tick.ContinueWith(
            static (completed, state) => ((GrainTimer)state!).OnTickCompleted(completed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Fail(Exception error)
    {
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _activation.TryEnqueue(this);
        }
    }

    private void OnTickCompleted(Task completed)
    {
        if (completed.IsFaulted)
        {
            Log.TimerFailed(_activation.Runtime.Logger, _activation.GrainId, completed.Exception.GetBaseException());
        }

        // Re-armed before the turn ends, so that whatever runs after this tick sees the next one scheduled.
        if (!_disposed.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
        {
            try
            {
                _timer?.Change(_period, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the change: nothing more to schedule.
            }
        }

        _activation.OnTurnCompleted(Flags);
    }
}
