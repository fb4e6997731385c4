using Microsoft.Extensions.Logging;

namespace Actors.Providers.Reminders;

internal static partial class ReminderLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Reminder table ready on the {Store} store")]
    public static partial void Initialized(ILogger logger, string store);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information,
        Message = "Filled in the grain hash of the reminders of {Count} grains carried over from the first version's table")]
    public static partial void HashesFilled(ILogger logger, int count);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning,
        Message = "A carried-over reminder names grain '{GrainId}', which is no Orleans grain id; it stays in the table and never fires")]
    public static partial void UnreadableGrainId(ILogger logger, string grainId);
}
