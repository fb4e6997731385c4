using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Reminders;

// The scheduler: one loop, one timer on the silo's clock, and a queue ordered by due time, so that a tick costs O(log n)
// whatever the number of reminders. Queue places are not removed when a reminder changes; a stale place is skipped.
internal sealed partial class ReminderService
{
    // How often a fenced or not yet active silo looks again whether it may fire; and the longest the timer is set for.
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly PriorityQueue<(LocalReminder Reminder, long Stamp), long> _queue = new();
    private readonly HashSet<Task> _deliveries = [];
    private readonly WakeSignal _schedulerSignal = new();
    private readonly ITimer _schedulerTimer;
    private Task? _schedulerLoop;

    private bool CanFire => _runtime.Status == SiloStatus.Active && !_runtime.IsFenced && !_stopping.IsCancellationRequested;

    private async Task RunSchedulerAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var (idle, nextDueAt) = FireDueTicks();
                    if (nextDueAt == long.MaxValue)
                    {
                        _schedulerTimer.Change(idle, Timeout.InfiniteTimeSpan);
                    }
                    else if (!TryArmTimer(nextDueAt))
                    {
                        continue; // due already
                    }
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    // A loop that died would stop every reminder of the silo without a word: log, and try again shortly.
                    Log.ReminderLoopFailed(_runtime.Logger, Self, error);
                    _schedulerTimer.Change(IdlePoll, Timeout.InfiniteTimeSpan);
                }

                await _schedulerSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Starts a delivery for every reminder due now (as many as there are free slots). Returns the next due time (Unix ms), or
    /// <see cref="long.MaxValue"/> and how long to sleep when there is none to wait for.
    /// </summary>
    private (TimeSpan Idle, long NextDueAt) FireDueTicks()
    {
        lock (_lock)
        {
            if (!CanFire)
            {
                return (IdlePoll, long.MaxValue);
            }

            var now = NowMs;
            while (_deliveries.Count < _options.MaxConcurrentTicks && TryPeekCurrent(out var reminder, out var dueAt) && dueAt <= now)
            {
                _queue.Dequeue();
                reminder.InFlight = true;
                var delivery = Task.Run(() => FireAsync(reminder, _aborting.Token), CancellationToken.None);
                _deliveries.Add(delivery);
                delivery.ContinueWith(
                    (done, state) => ((ReminderService)state!).OnDeliveryEnded(done), this,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (_deliveries.Count >= _options.MaxConcurrentTicks)
            {
                return (Timeout.InfiniteTimeSpan, long.MaxValue); // the next delivery to end wakes the loop
            }

            return TryPeekCurrent(out _, out var next) ? (LongestWait, next) : (LongestWait, long.MaxValue);
        }
    }

    /// <summary>
    /// Arms the timer for the due time; false when it has come already. A timer takes a delay, not a time, so the clock must
    /// not move between reading it and arming the timer (a test clock moves in steps while a test advances it): if it did,
    /// the timer is armed again.
    /// </summary>
    private bool TryArmTimer(long dueAt)
    {
        var due = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(dueAt, ReminderTimes.MaxUnixMs));
        while (true)
        {
            var before = _runtime.TimeProvider.GetUtcNow();
            if (before >= due)
            {
                return false;
            }

            var wait = due - before;
            _schedulerTimer.Change(wait < LongestWait ? wait : LongestWait, Timeout.InfiniteTimeSpan);
            if (_runtime.TimeProvider.GetUtcNow() == before)
            {
                return true;
            }
        }
    }

    // Under the lock. Drops stale places from the head of the queue.
    private bool TryPeekCurrent(out LocalReminder reminder, out long dueAt)
    {
        while (_queue.TryPeek(out var place, out dueAt))
        {
            if (place.Stamp == place.Reminder.Stamp && place.Reminder.Entry is not null && !place.Reminder.InFlight)
            {
                reminder = place.Reminder;
                return true;
            }

            _queue.Dequeue();
        }

        reminder = null!;
        return false;
    }

    /// <summary>Under the lock: gives the reminder a place in the queue at its due time, unless it is gone or in flight.</summary>
    private void Schedule(LocalReminder reminder)
    {
        if (reminder.Entry is null || reminder.InFlight)
        {
            return;
        }

        reminder.Stamp++;
        _queue.Enqueue((reminder, reminder.Stamp), reminder.DueAt);
        _schedulerSignal.Set();
    }

    private void OnDeliveryEnded(Task delivery)
    {
        lock (_lock)
        {
            _deliveries.Remove(delivery);
        }

        _schedulerSignal.Set();
    }
}
