using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;

namespace Actors.Runtime.Reminders;

// One attempt at a reminder's next tick: deliver it to the grain (unless the grain already acknowledged it), then record it in
// the table. The reminder is in flight throughout, so its ticks go one at a time.
internal sealed partial class ReminderService
{
    private long _failedAttempts;

    /// <summary>How many attempts at a tick have failed on this silo, for tests.</summary>
    internal long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    private async Task FireAsync(LocalReminder reminder, CancellationToken cancellationToken)
    {
        ReminderEntry entry;
        long tick;
        int generation;
        bool acknowledged;
        lock (_lock)
        {
            if (reminder.Entry is null)
            {
                reminder.InFlight = false; // removed between being taken from the queue and this start
                return;
            }

            entry = reminder.Entry;
            tick = reminder.NextTick;
            generation = reminder.Generation;
            acknowledged = reminder.AcknowledgedTick == tick || (entry.IsOneShot && entry.LastTick == 0);
        }

        try
        {
            if (_runtime.Router.OwnerOf(entry.GrainId) != Self)
            {
                // The view moved since the last read: the new owner reads the reminder when it sees the change.
                lock (_lock)
                {
                    reminder.Replace(null);
                }

                return;
            }

            if (!acknowledged)
            {
                await DeliverAsync(entry, tick).ConfigureAwait(false);
                _runtime.Metrics.ReminderTickDelivered(entry.GrainId.Type);
                lock (_lock)
                {
                    if (reminder.Generation != generation)
                    {
                        return; // Replaced while the grain ran (re-registered from the tick, say): the tick belongs to an old schedule.
                    }

                    reminder.AcknowledgedTick = tick;
                }
            }

            await RecordAsync(reminder, entry, tick, generation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan retryIn;
            int failures;
            lock (_lock)
            {
                failures = reminder.Generation == generation ? ++reminder.Failures : 1;
                retryIn = RetryDelay(failures);
                if (reminder.Generation == generation)
                {
                    reminder.RetryAt = NowMs + (long)retryIn.TotalMilliseconds;
                }
            }

            Interlocked.Increment(ref _failedAttempts);
            _runtime.Metrics.ReminderTickFailed(entry.GrainId.Type);
            Log.ReminderTickFailed(_runtime.Logger, entry.Key, tick, failures, retryIn, error);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stopped or crashed mid-tick; the next owner delivers the tick again.
        }
        finally
        {
            lock (_lock)
            {
                reminder.InFlight = false;
                Schedule(reminder);
            }
        }
    }

    private Task DeliverAsync(ReminderEntry entry, long tick)
    {
        var grainInterface = GrainRegistry.GetInterface(entry.GrainId.Type);
        if (grainInterface.ProxyFactory(entry.GrainId, _runtime.Router) is not IRemindable grain)
        {
            throw new InvalidOperationException(
                $"Reminder {entry.Key} cannot be delivered: grain interface {grainInterface.InterfaceType.FullName} does not extend {typeof(IRemindable).FullName}.");
        }

        var status = new TickStatus(
            tick,
            ReminderTimes.ToDateTimeOffset(entry.FirstTickAt),
            TimeSpan.FromMilliseconds(entry.PeriodMs),
            ReminderTimes.ToDateTimeOffset(entry.DueAt(tick)),
            _runtime.TimeProvider.GetUtcNow());
        return grain.ReceiveReminderAsync(entry.Name, status);
    }

    /// <summary>
    /// Records an acknowledged tick: a one-shot reminder's row is deleted, a periodic one's last tick advanced, both by
    /// compare-and-swap on the version the tick was read at. A lost compare-and-swap means another writer changed the row
    /// (a re-registration, or another silo that ran the reminder while views differed): the row is read again.
    /// </summary>
    private async Task RecordAsync(LocalReminder reminder, ReminderEntry entry, long tick, int generation, CancellationToken cancellationToken)
    {
        long? version;
        if (entry.IsOneShot)
        {
            version = await BoundedAsync(_table.TryDeleteAsync(entry.Key, entry.Version, cancellationToken), cancellationToken).ConfigureAwait(false)
                ? 0 : null;
        }
        else
        {
            version = await BoundedAsync(_table.TryAdvanceAsync(entry.Key, tick, entry.Version, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        ReminderEntry? reloaded = null;
        if (version is null)
        {
            Log.ReminderChangedElsewhere(_runtime.Logger, entry.Key);
            reloaded = await BoundedAsync(_table.ReadAsync(entry.Key, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        lock (_lock)
        {
            if (reminder.Generation != generation)
            {
                return;
            }

            if (version is null)
            {
                reminder.Replace(reloaded);
            }
            else
            {
                reminder.Entry = entry.IsOneShot ? null : entry with { LastTick = tick, Version = version.Value };
                reminder.AcknowledgedTick = null;
                reminder.Failures = 0;
                reminder.RetryAt = 0;
            }

            reminder.ChangedAt = ++_changes;
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var delayMs = _options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delayMs, _options.MaxRetryDelay.TotalMilliseconds));
    }
}
