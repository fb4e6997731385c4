using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Reminders;

// Reading the table to find the reminders this silo owns: at start, after each view change and every refresh period. The scan is
// not one snapshot, and this silo may change a reminder while it runs; a reminder changed here after the scan began keeps what
// this silo knows (its own change is newer than anything the scan read).
internal sealed partial class ReminderService
{
    private readonly WakeSignal _refreshSignal = new();
    private readonly ITimer _refreshTimer;
    private Task? _refreshLoop;
    private int _refreshFailures;
    private int _refreshes;

    /// <summary>How many scans of the table have completed, for tests.</summary>
    internal int Refreshes => Volatile.Read(ref _refreshes);

    private async Task RunRefreshesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _refreshSignal.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                    _refreshFailures = 0;
                }
                catch (Exception error) when (!cancellationToken.IsCancellationRequested)
                {
                    // Read again soon rather than a whole refresh period later: a view change may be waiting on this read.
                    var retryIn = RetryDelay(++_refreshFailures);
                    retryIn = retryIn < _options.RefreshPeriod ? retryIn : _options.RefreshPeriod;
                    Log.ReminderRefreshFailed(_runtime.Logger, Self, retryIn, error);
                    _ = Task.Delay(retryIn, _runtime.TimeProvider, cancellationToken)
                        .ContinueWith(static (_, s) => ((WakeSignal)s!).Set(), _refreshSignal, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads every reminder, keeps those this silo owns in its current view, and drops the others.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        long startedAt;
        lock (_lock)
        {
            startedAt = ++_changes;
        }

        var owned = new Dictionary<ReminderKey, ReminderEntry>();
        var rows = 0;
        ReminderKey? after = null;
        while (true)
        {
            var page = await BoundedAsync(_table.ReadPageAsync(after, _options.PageSize, cancellationToken), cancellationToken).ConfigureAwait(false);
            rows += page.Count;
            foreach (var entry in page)
            {
                if (_runtime.Router.OwnerOf(entry.GrainId) == Self)
                {
                    owned[entry.Key] = entry;
                }
            }

            if (page.Count < _options.PageSize)
            {
                break;
            }

            after = page[^1].Key;
        }

        int count;
        lock (_lock)
        {
            Merge(owned, startedAt);
            count = CountLive();
        }

        Interlocked.Increment(ref _refreshes);
        Log.RemindersRefreshed(_runtime.Logger, Self, count, rows);
    }

    // Under the lock.
    private void Merge(Dictionary<ReminderKey, ReminderEntry> owned, long startedAt)
    {
        var now = NowMs;
        foreach (var (key, entry) in owned)
        {
            if (!_reminders.TryGetValue(key, out var reminder))
            {
                _reminders[key] = reminder = new LocalReminder(key);
            }
            else if (reminder.ChangedAt > startedAt || reminder.Entry?.Version == entry.Version)
            {
                continue;
            }

            reminder.Replace(entry);
            LogCatchUp(entry, now);
            Schedule(reminder);
        }

        foreach (var reminder in _reminders.Values.Where(r => !owned.ContainsKey(r.Key) && r.ChangedAt <= startedAt).ToList())
        {
            if (reminder.Entry is not null)
            {
                reminder.Replace(null); // deleted, or owned by another silo now
            }

            if (!reminder.InFlight)
            {
                _reminders.Remove(reminder.Key);
            }
        }
    }

    private void LogCatchUp(ReminderEntry entry, long now)
    {
        var next = entry.IsOneShot ? 0 : entry.NextTick;
        var dueAt = entry.DueAt(next);
        if (!entry.IsOneShot && dueAt < now - entry.PeriodMs)
        {
            Log.ReminderCatchingUp(_runtime.Logger, entry.Key, ((now - dueAt) / entry.PeriodMs) + 1, next);
        }
    }
}
