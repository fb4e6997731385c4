namespace Actors.Runtime.Reminders;

/// <summary>
/// One row of the reminder table. Tick <c>n</c> of the reminder is due at <see cref="FirstTickAt"/> plus <c>n</c> times
/// <see cref="PeriodMs"/>; <see cref="LastTick"/> is the last tick a grain acknowledged. Times are Unix milliseconds.
/// </summary>
/// <param name="GrainId">The grain the reminder belongs to.</param>
/// <param name="Name">The reminder's name, unique within its grain.</param>
/// <param name="FirstTickAt">When tick 0 is due (Unix ms).</param>
/// <param name="PeriodMs">Milliseconds between ticks; 0 for a one-shot reminder, whose row is deleted once tick 0 is acknowledged.</param>
/// <param name="LastTick">The last acknowledged tick; -1 before the first.</param>
/// <param name="Version">
/// The row's version as read. Versions are opaque: a new row starts at a random version and each change adds one, so a row that
/// is deleted and created again does not repeat a version that a stale writer may still hold. Writes ignore this field and take
/// the expected version as an argument.
/// </param>
public sealed record ReminderEntry(GrainId GrainId, string Name, long FirstTickAt, long PeriodMs, long LastTick, long Version)
{
    /// <summary>The reminder's key.</summary>
    public ReminderKey Key => new(GrainId, Name);

    /// <summary>True for a reminder that ticks once.</summary>
    public bool IsOneShot => PeriodMs == 0;

    /// <summary>The next tick to deliver.</summary>
    internal long NextTick => LastTick + 1;

    /// <summary>When tick <paramref name="tick"/> is due (Unix ms), saturating at <see cref="long.MaxValue"/>.</summary>
    internal long DueAt(long tick) =>
        tick == 0 || PeriodMs == 0 ? FirstTickAt
        : tick > (ReminderTimes.MaxUnixMs - FirstTickAt) / PeriodMs ? long.MaxValue
        : FirstTickAt + (tick * PeriodMs);

    /// <summary>The reminder as a grain sees it.</summary>
    internal GrainReminder ToGrainReminder() =>
        new(Name, ReminderTimes.ToDateTimeOffset(FirstTickAt), TimeSpan.FromMilliseconds(PeriodMs));
}
