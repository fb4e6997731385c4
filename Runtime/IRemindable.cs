namespace Actors.Runtime;

/// <summary>
/// A grain interface that receives durable reminders extends this interface. A grain registers reminders with
/// <see cref="Grain.RegisterOrUpdateReminderAsync(string, TimeSpan, TimeSpan, CancellationToken)"/>; the silo that owns the grain
/// calls <see cref="ReceiveReminderAsync"/> for each tick, activating the grain when needed.
/// </summary>
/// <remarks>
/// Delivery is at least once: a tick the grain has handled may be delivered again when a silo dies before recording it. Each
/// tick carries a <see cref="TickStatus.Sequence"/> that every silo gives the same tick, so a grain that needs an exactly-once
/// effect records the last sequence it handled in the same state write as the effect, and ignores a tick it has seen.
/// </remarks>
public interface IRemindable : IGrain
{
    /// <summary>Handles one tick of the reminder <paramref name="reminderName"/>. An exception makes the silo deliver the same tick again later.</summary>
    /// <param name="reminderName">The name the grain registered the reminder under.</param>
    /// <param name="status">Which tick this is and when it was due.</param>
    Task ReceiveReminderAsync(string reminderName, TickStatus status);
}
