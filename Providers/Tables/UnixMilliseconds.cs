namespace Actors.Providers.Tables;

/// <summary>How the tables store times: whole Unix milliseconds, UTC, in a 64-bit integer column.</summary>
internal static class UnixMilliseconds
{
    /// <summary>The time in Unix milliseconds; a time of unspecified kind is taken as UTC, as Orleans writes UTC times.</summary>
    public static long From(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }

    /// <summary>The UTC time of a stored value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the years 0001 to 9999.</exception>
    public static DateTime ToDateTime(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
}
