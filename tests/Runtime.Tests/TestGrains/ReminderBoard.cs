using System.Collections.Concurrent;

namespace Actors.Runtime.Tests.TestGrains;

/// <summary>Shared with reminder grains through DI: records every tick delivered, and tells grains to fail or reschedule.</summary>
public sealed class ReminderBoard
{
    private readonly ConcurrentQueue<(string Grain, string Reminder, TickStatus Status)> _deliveries = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>Reminders that reschedule themselves from their own tick: unregistered, then registered again as one-shot after this delay.</summary>
    public ConcurrentDictionary<string, TimeSpan> RescheduleOnTick { get; } = new();

    public ConcurrentQueue<string> Activations { get; } = new();

    /// <summary>Every delivery, failed ones included, in arrival order.</summary>
    public IReadOnlyList<(string Grain, string Reminder, TickStatus Status)> Deliveries => [.. _deliveries];

    /// <summary>The sequences delivered for one reminder of one grain, failed deliveries included, in arrival order.</summary>
    public IReadOnlyList<long> Sequences(string grain, string reminder) =>
        [.. _deliveries.Where(d => d.Grain == grain && d.Reminder == reminder).Select(d => d.Status.Sequence)];

    /// <summary>The ticks delivered for one reminder of one grain, in arrival order.</summary>
    public IReadOnlyList<TickStatus> Ticks(string grain, string reminder) =>
        [.. _deliveries.Where(d => d.Grain == grain && d.Reminder == reminder).Select(d => d.Status)];

    /// <summary>Makes the next <paramref name="count"/> deliveries of the reminder throw.</summary>
    public void FailNext(string reminder, int count) => _failures[reminder] = count;

    /// <summary>Records a delivery; throws when the reminder was told to fail.</summary>
    public void Deliver(string grain, string reminder, TickStatus status)
    {
        _deliveries.Enqueue((grain, reminder, status));
        if (_failures.TryGetValue(reminder, out var left) && left > 0 && _failures.TryUpdate(reminder, left - 1, left))
        {
            throw new InvalidOperationException($"Tick {status.Sequence} of {reminder} failed on purpose.");
        }
    }
}
