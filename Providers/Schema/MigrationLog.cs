using Microsoft.Extensions.Logging;

namespace Actors.Providers.Schema;

internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to the {Store} store")]
    public static partial void Applied(ILogger logger, int version, string name, string store);
}
