namespace Actors.Client.Cluster;

/// <summary>Whom a REST route serves, and so which credential a command sends to it.</summary>
internal enum Access
{
    /// <summary>Anyone: no credential.</summary>
    Anyone,

    /// <summary>Operators: <c>X-Operator-Key</c> from <c>--operator-key-file</c>, <c>--operator-key</c> or <c>ACTORS_OPERATOR_KEY</c>.</summary>
    Operator,

    /// <summary>The wallet: <c>Authorization: Bearer</c> with a session token, given or obtained by signing in with a key (<c>--key-file</c>).</summary>
    Wallet,

    /// <summary>A read that sends the wallet's session when one is given, and nothing otherwise.</summary>
    WalletIfGiven,
}
