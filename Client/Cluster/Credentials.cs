using Actors.Domain.Ethereum;

namespace Actors.Client.Cluster;

/// <summary>What a REST call may authenticate with. Never printed.</summary>
/// <param name="OperatorKey">Sent as <c>X-Operator-Key</c> on operator routes.</param>
/// <param name="Token">A session token, sent as <c>Authorization: Bearer</c> on wallet routes.</param>
/// <param name="Key">A wallet key to sign in with when there is no token.</param>
internal sealed record Credentials(string? OperatorKey, string? Token, PrivateKey? Key)
{
    /// <summary>Names no secret.</summary>
    public override string ToString() => "credentials";
}
