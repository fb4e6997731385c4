namespace Actors.Silo.Gateway;

/// <summary>
/// The operator routes' audit log (event ids 7200 to 7299): every call to an operator route, with the route's name, what it
/// named (route values and body) and how it ended. Never the operator key: it travels in a header, which is not logged.
/// </summary>
internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information,
        Message = "Operator action {Action} on {Target} done ({Status}): {Request}")]
    public static partial void Done(ILogger logger, string action, string target, int status, string request);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information,
        Message = "Operator action {Action} on {Target} refused ({Status} {Code}): {Request}")]
    public static partial void Refused(ILogger logger, string action, string target, int status, string code, string request);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning,
        Message = "Operator action {Action} on {Target} refused: no valid operator key")]
    public static partial void KeyRefused(ILogger logger, string action, string target);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Operator action {Action} on {Target} failed")]
    public static partial void Failed(ILogger logger, string action, string target, Exception error);
}
