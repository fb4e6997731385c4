using Actors.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Diagnostics;

// Reminders: event ids 6000-6099.
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Warning, "Tick {Sequence} of reminder {Reminder} failed (attempt {Attempt}); retrying in {RetryIn}")]
    public static partial void ReminderTickFailed(ILogger logger, ReminderKey reminder, long sequence, int attempt, TimeSpan retryIn, Exception error);

    [LoggerMessage(6002, LogLevel.Warning, "Silo {Silo} could not read the reminder table; reading again in {RetryIn}")]
    public static partial void ReminderRefreshFailed(ILogger logger, SiloAddress silo, TimeSpan retryIn, Exception error);

    [LoggerMessage(6003, LogLevel.Debug, "Silo {Silo} runs {Owned} reminders of the {Rows} in the table")]
    public static partial void RemindersRefreshed(ILogger logger, SiloAddress silo, int owned, int rows);

    [LoggerMessage(6004, LogLevel.Debug, "Reminder {Reminder} changed in the table since this silo read it; reading it again")]
    public static partial void ReminderChangedElsewhere(ILogger logger, ReminderKey reminder);

    [LoggerMessage(6005, LogLevel.Information, "Reminder {Reminder} is {Missed} ticks behind; delivering each from tick {Sequence} in order")]
    public static partial void ReminderCatchingUp(ILogger logger, ReminderKey reminder, long missed, long sequence);

    [LoggerMessage(6006, LogLevel.Debug, "Reminder {Reminder} registered: first tick {FirstTick}, period {Period}")]
    public static partial void ReminderRegistered(ILogger logger, ReminderKey reminder, DateTimeOffset firstTick, TimeSpan period);

    [LoggerMessage(6007, LogLevel.Debug, "Reminder {Reminder} unregistered")]
    public static partial void ReminderUnregistered(ILogger logger, ReminderKey reminder);

    [LoggerMessage(6008, LogLevel.Warning, "Stopping reminders gave up waiting for {Count} ticks in flight after {Timeout}")]
    public static partial void ReminderStopTimedOut(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(6009, LogLevel.Error, "The reminder scheduler of silo {Silo} failed a round; it tries again shortly")]
    public static partial void ReminderLoopFailed(ILogger logger, SiloAddress silo, Exception error);
}
