using Microsoft.Extensions.Logging;

namespace Actors.Providers.Storage;

/// <summary>The grain storage's log messages (event ids 2100-2199; 2001 is the schema's).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Storage {Store} failed to commit a batch of {Count} writes")]
    public static partial void BatchFailed(ILogger logger, string store, int count, Exception error);

    [LoggerMessage(
        EventId = 2102,
        Level = LogLevel.Warning,
        Message = "Stopping the {Store} storage writer gave up; {Count} writes were failed")]
    public static partial void StopAborted(ILogger logger, string store, int count);

    [LoggerMessage(
        EventId = 2103,
        Level = LogLevel.Debug,
        Message = "Write of state {State} lost its ETag check: held {HeldEtag}, stored {StoredEtag}")]
    public static partial void WriteConflict(ILogger logger, StateKey state, string? heldEtag, string? storedEtag);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Stored state {State} at version {Version} cannot be read as {Type}")]
    public static partial void CorruptState(ILogger logger, StateKey state, long version, string type, Exception error);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Grain storage {Name} is ready on the {Store} store")]
    public static partial void Ready(ILogger logger, string name, string store);
}
