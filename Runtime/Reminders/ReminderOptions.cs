namespace Actors.Runtime.Reminders;

/// <summary>How a silo runs durable reminders. Bound from <c>Silo:Reminders</c> and validated at start.</summary>
public sealed class ReminderOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Silo:Reminders";

    /// <summary>
    /// The shortest period a periodic reminder may have; registering a shorter one (other than zero, which means one-shot) fails.
    /// Every tick is a grain call and a table write, so short periods cost database load. Default 1 s.
    /// </summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a silo reads the whole table again to find the reminders it owns, besides at start and after each membership
    /// change. A reminder registered by an activation on a silo that does not own the grain starts at most this late. Default 30 s.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before retrying a failed tick the first time; each further failure doubles it. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries of a failing tick. A failing reminder is retried forever, never dropped. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one reminder-table call may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan TableTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many ticks a silo delivers at once; further due ticks wait for a free slot. Default 1,000.</summary>
    public int MaxConcurrentTicks { get; set; } = 1000;

    /// <summary>How many rows one read of the table returns while a silo looks for the reminders it owns. Default 1,000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Returns an error naming the bad setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (MinimumPeriod < TimeSpan.FromMilliseconds(1))
        {
            return $"{SectionName}:MinimumPeriod must be at least 1 ms.";
        }

        if (RefreshPeriod <= TimeSpan.Zero || RetryDelay <= TimeSpan.Zero || TableTimeout <= TimeSpan.Zero)
        {
            return $"{SectionName}:RefreshPeriod, RetryDelay and TableTimeout must be positive.";
        }

        if (MaxRetryDelay < RetryDelay)
        {
            return $"{SectionName}:MaxRetryDelay must be at least RetryDelay.";
        }

        if (MaxConcurrentTicks is < 1 or > 100_000)
        {
            return $"{SectionName}:MaxConcurrentTicks must be between 1 and 100000.";
        }

        return PageSize is < 1 or > 100_000 ? $"{SectionName}:PageSize must be between 1 and 100000." : null;
    }
}
