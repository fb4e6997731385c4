namespace Actors.Runtime.Reminders;

/// <summary>Row versions of the reminder table.</summary>
internal static class ReminderVersions
{
    /// <summary>
    /// The version of a newly created row: random, so that a row deleted and created again does not come back at a version a
    /// stale writer still holds (a re-registered reminder must not be advanced by a delivery of the one it replaced). Below
    /// 2^62, so that adding one per change never overflows.
    /// </summary>
#pragma warning disable CA5394 // Uniqueness, not secrecy, is asked of it.
    public static long New() => Random.Shared.NextInt64(1, 1L << 62);
#pragma warning restore CA5394
}
