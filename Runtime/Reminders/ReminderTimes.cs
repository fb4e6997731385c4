namespace Actors.Runtime.Reminders;

/// <summary>Converts between the table's Unix milliseconds and the times grains see.</summary>
internal static class ReminderTimes
{
    /// <summary>The earliest time a reminder may be due: <see cref="DateTimeOffset.MinValue"/>.</summary>
    public static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    /// <summary>The latest time a reminder may be due: <see cref="DateTimeOffset.MaxValue"/>, to the millisecond.</summary>
    public static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The time, clamped to the range <see cref="DateTimeOffset"/> can hold.</summary>
    public static DateTimeOffset ToDateTimeOffset(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(unixMs, MinUnixMs, MaxUnixMs));
}
