namespace Actors.Runtime;

/// <summary>One tick of a reminder, as delivered to <see cref="IRemindable.ReceiveReminderAsync"/>.</summary>
/// <param name="Sequence">
/// The tick's number in its schedule: 0 for the first tick, then 1, 2, ... Every silo gives a tick the same number, so a grain
/// can tell a repeated delivery from a new tick. A registration that replaces a reminder starts a new schedule (a new
/// <paramref name="FirstTickTime"/>) whose sequence starts at 0 again.
/// </param>
/// <param name="FirstTickTime">When tick 0 of this schedule was due.</param>
/// <param name="Period">The time between ticks; <see cref="TimeSpan.Zero"/> for a one-shot reminder.</param>
/// <param name="ScheduledTime">When this tick was due: <paramref name="FirstTickTime"/> plus <paramref name="Sequence"/> periods.</param>
/// <param name="CurrentTime">The silo's clock when the tick was delivered; later than the scheduled time after a silo failure or a retry.</param>
public readonly record struct TickStatus(long Sequence, DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset ScheduledTime, DateTimeOffset CurrentTime);
