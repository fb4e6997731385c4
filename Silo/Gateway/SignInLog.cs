namespace Actors.Silo.Gateway;

/// <summary>
/// The sign-in log (event ids 7300 to 7399): each sign-in and each refusal with its reason code and the address the message
/// named. Never the message's signature, the nonce or the token.
/// </summary>
internal static partial class SignInLog
{
    [LoggerMessage(EventId = 7300, Level = LogLevel.Debug, Message = "Wallet {Address} signed in")]
    public static partial void SignedIn(ILogger logger, string address);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Sign-in refused ({Reason}) for {Address}")]
    public static partial void Refused(ILogger logger, string reason, string address);
}
