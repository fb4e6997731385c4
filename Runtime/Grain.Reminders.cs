namespace Actors.Runtime;

// Durable reminders: stored in the reminder table and fired by whichever silo owns the grain, so they outlive activations and silos.
public abstract partial class Grain
{
    /// <summary>
    /// Registers the durable reminder <paramref name="name"/>, or replaces its schedule: tick 0 is due after
    /// <paramref name="dueTime"/>, then one tick every <paramref name="period"/>. Each tick calls
    /// <see cref="IRemindable.ReceiveReminderAsync"/>, activating the grain when needed, on whichever silo owns the grain.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A zero period makes a one-shot reminder: it ticks once and is removed once the grain has handled the tick. Otherwise the
    /// period must be at least <c>Silo:Reminders:MinimumPeriod</c> (1 s by default). Times have millisecond resolution.
    /// </para>
    /// <para>
    /// Delivery is at least once: a tick may arrive again (with the same <see cref="TickStatus.Sequence"/>) when a silo dies
    /// before recording it, and ticks missed while the grain's silo was down are each delivered, in order, once another silo
    /// takes the reminder over. A grain that needs an exactly-once effect writes the last sequence it handled in the same state
    /// write as the effect. Replacing a reminder starts a new schedule whose sequence starts at 0.
    /// </para>
    /// </remarks>
    /// <param name="name">The reminder's name: 1 to 256 UTF-8 bytes, no control characters; unique within the grain.</param>
    /// <param name="dueTime">How long from now until tick 0; zero or more.</param>
    /// <param name="period">The time between ticks, or <see cref="TimeSpan.Zero"/> for one tick.</param>
    /// <param name="cancellationToken">Cancels the registration (it may still have been stored).</param>
    /// <returns>The reminder as stored.</returns>
    /// <exception cref="ArgumentException">The name, due time or period is not allowed.</exception>
    /// <exception cref="InvalidOperationException">The grain's interface does not extend <see cref="IRemindable"/>.</exception>
    /// <exception cref="StorageException">The reminder table could not be written.</exception>
    protected Task<GrainReminder> RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        return RegisterOrUpdateReminderAsync(name, TimeProvider.GetUtcNow() + dueTime, period, cancellationToken);
    }

    /// <summary>
    /// Registers the durable reminder <paramref name="name"/>, or replaces its schedule, with tick 0 due at the absolute time
    /// <paramref name="dueAt"/> (at once when that has passed; a periodic reminder then starts now rather than catching up).
    /// See <see cref="RegisterOrUpdateReminderAsync(string, TimeSpan, TimeSpan, CancellationToken)"/> for the semantics.
    /// </summary>
    /// <param name="name">The reminder's name: 1 to 256 UTF-8 bytes, no control characters; unique within the grain.</param>
    /// <param name="dueAt">When tick 0 is due.</param>
    /// <param name="period">The time between ticks, or <see cref="TimeSpan.Zero"/> for one tick.</param>
    /// <param name="cancellationToken">Cancels the registration (it may still have been stored).</param>
    /// <returns>The reminder as stored.</returns>
    protected Task<GrainReminder> RegisterOrUpdateReminderAsync(string name, DateTimeOffset dueAt, TimeSpan period, CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.RegisterAsync(GrainId, name, dueAt, period, cancellationToken);

    /// <summary>Removes the reminder <paramref name="name"/>; nothing happens when the grain has no such reminder.</summary>
    /// <remarks>A tick already being delivered when the reminder is removed may still arrive.</remarks>
    protected Task UnregisterReminderAsync(string name, CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.UnregisterAsync(GrainId, name, cancellationToken);

    /// <summary>The reminder <paramref name="name"/> of this grain as stored, or null when there is none.</summary>
    protected Task<GrainReminder?> GetReminderAsync(string name, CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.GetAsync(GrainId, name, cancellationToken);

    /// <summary>Every reminder of this grain as stored, ordered by name.</summary>
    protected Task<IReadOnlyList<GrainReminder>> GetRemindersAsync(CancellationToken cancellationToken = default) =>
        _activation.Runtime.Reminders.GetAllAsync(GrainId, cancellationToken);
}
