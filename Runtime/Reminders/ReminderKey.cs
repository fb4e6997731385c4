namespace Actors.Runtime.Reminders;

/// <summary>What identifies a reminder: its grain and its name within the grain.</summary>
/// <param name="GrainId">The grain the reminder belongs to.</param>
/// <param name="Name">The reminder's name.</param>
public readonly record struct ReminderKey(GrainId GrainId, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{GrainId}#{Name}";
}
