namespace Actors.Runtime;

/// <summary>A durable reminder of a grain, as registered.</summary>
/// <param name="Name">The reminder's name, unique within its grain.</param>
/// <param name="FirstTickTime">When tick 0 is (or was) due.</param>
/// <param name="Period">The time between ticks; <see cref="TimeSpan.Zero"/> for a one-shot reminder, which ticks once and is then removed.</param>
public sealed record GrainReminder(string Name, DateTimeOffset FirstTickTime, TimeSpan Period)
{
    /// <summary>True for a reminder that ticks once.</summary>
    public bool IsOneShot => Period == TimeSpan.Zero;
}
