using Actors.Domain.Ethereum;
using Actors.Grains.Telemetry;

namespace Actors.Silo.Gateway;

/// <summary>Records each sign-in's outcome: a log event (<see cref="SignInLog"/>) and the <c>actors.signins</c> counter.</summary>
internal sealed class SignInAudit(ILogger<SignInAudit> logger)
{
    /// <summary>The outcome tag of a sign-in that gave a session.</summary>
    public const string SignedInOutcome = "signed_in";

    public void SignedIn(EthereumAddress address)
    {
        ActorsMetrics.SignIn(SignedInOutcome);
        SignInLog.SignedIn(logger, address.ToString());
    }

    /// <summary>A refusal, with its problem's code; the address is unknown (null) when the message did not parse.</summary>
    public void Refused(string reason, EthereumAddress? address)
    {
        ActorsMetrics.SignIn(reason);
        SignInLog.Refused(logger, reason, address?.ToString() ?? "(unparsed message)");
    }
}
