namespace Actors.Silo.Gateway;

/// <summary>The gateway's idempotency log messages (event ids 7100 to 7199).</summary>
internal static partial class IdempotencyLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "A retry resumed a request whose attempt on {Previous} did not finish; it runs on {Silo} under the same operation id")]
    public static partial void Resumed(ILogger logger, SiloAddress previous, SiloAddress silo);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "The Idempotency-Key claim of a request running on {Silo} was taken over by a retry; both run under one operation id")]
    public static partial void ClaimLost(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "A response could not be stored with its Idempotency-Key; a retry runs the request again under the same operation id")]
    public static partial void NotStored(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency records")]
    public static partial void Swept(ILogger logger, int count);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Expired idempotency records could not be deleted; the next sweep tries again")]
    public static partial void SweepFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "The grain storage {Storage} cannot delete expired records; idempotency records stay until deleted by hand")]
    public static partial void SweepUnsupported(ILogger logger, string storage);
}
