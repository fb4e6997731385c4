namespace Actors.Runtime.Reminders;

/// <summary>
/// What a silo knows of one reminder of a grain it owns. Changed only under the <see cref="ReminderService"/>'s lock. The object
/// stays while a tick is in flight, so that a reminder dropped and taken back meanwhile still delivers its ticks one at a time.
/// </summary>
internal sealed class LocalReminder(ReminderKey key)
{
    public ReminderKey Key { get; } = key;

    /// <summary>The row as last known; null when the reminder is gone (unregistered, deleted, or owned elsewhere).</summary>
    public ReminderEntry? Entry { get; set; }

    /// <summary>Adds one whenever <see cref="Entry"/> is replaced by anything but this silo's own delivery.</summary>
    public int Generation { get; set; }

    /// <summary>The service's change counter at this silo's last change of the reminder; a table read older than it is stale.</summary>
    public long ChangedAt { get; set; }

    /// <summary>True while a tick (or its table write) is being handled.</summary>
    public bool InFlight { get; set; }

    /// <summary>A tick the grain acknowledged whose table write failed: only the write is retried.</summary>
    public long? AcknowledgedTick { get; set; }

    /// <summary>Failed attempts at the current tick.</summary>
    public int Failures { get; set; }

    /// <summary>When the current tick may be tried again after a failure (Unix ms); 0 when it has not failed.</summary>
    public long RetryAt { get; set; }

    /// <summary>Identifies the reminder's latest place in the schedule queue; older places are skipped.</summary>
    public long Stamp { get; set; }

    /// <summary>The tick to deliver next: tick 0 for a one-shot reminder, the one after the last acknowledged tick otherwise.</summary>
    public long NextTick => Entry is { IsOneShot: true } ? 0 : Entry!.NextTick;

    /// <summary>When the next attempt is due (Unix ms).</summary>
    public long DueAt => Math.Max(Entry!.DueAt(NextTick), RetryAt);

    /// <summary>Replaces the row with one read or written elsewhere: the schedule starts over from it.</summary>
    public void Replace(ReminderEntry? entry)
    {
        Entry = entry;
        Generation++;
        AcknowledgedTick = null;
        Failures = 0;
        RetryAt = 0;
    }
}
