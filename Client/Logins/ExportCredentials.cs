using System.CommandLine;
using Actors.Client.Cluster;
using Actors.Client.Keys;

namespace Actors.Client.Logins;

/// <summary>
/// The credential of <c>logins verify --http</c>: the export route serves the wallet's own session (<c>--token</c>, or
/// <c>--key-file</c> to sign in) and operators (<c>--operator-key-file</c>), the same options and environment variables as the
/// other commands over REST. The command line wins over the environment, and in the environment a session over the operator
/// key. Never printed.
/// </summary>
internal sealed class ExportCredentials(Func<string, string?> variable)
{
    private readonly Option<string?> _token = new("--token")
    {
        Description = $"With --http: the wallet's session token (default: ${TransportOptions.TokenVariable}).",
    };

    private readonly Option<string?> _key = KeyFiles.KeyOption(
        $"With --http and no token: the wallet's private key to sign in with (default: ${TransportOptions.KeyVariable}). Never sent.");

    private readonly Option<string?> _keyFile =
        KeyFiles.FileOption("With --http and no token: a file holding the wallet's private key, as `key new --out` writes it.");

    private readonly Option<string?> _operatorKey = new("--operator-key")
    {
        Description = $"With --http: the operator key (default: ${TransportOptions.OperatorKeyVariable}). "
            + "Prefer --operator-key-file: a key on the command line stays in the shell's history.",
    };

    private readonly Option<string?> _operatorKeyFile = new("--operator-key-file")
    {
        Description = "With --http: a file holding the operator key, such as the silo's generated data/operator-key.",
    };

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> Options => [_token, _key, _keyFile, _operatorKey, _operatorKeyFile];

    /// <summary>
    /// The credential to send and whom it makes the request come from; records an error on <paramref name="input"/> when none
    /// is given or both kinds are.
    /// </summary>
    public (Access Access, Credentials Credentials) Read(CommandInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var walletGiven = input.Text(_token) is not null || input.Text(_key) is not null || input.Text(_keyFile) is not null;
        var operatorGiven = input.Text(_operatorKey) is not null || input.Text(_operatorKeyFile) is not null;
        if (walletGiven && operatorGiven)
        {
            input.Error(_operatorKey, "give the wallet's session (--token, --key-file) or the operator key, not both");
            return (Access.Operator, new Credentials(null, null, null));
        }

        if (!operatorGiven)
        {
            var token = walletGiven ? input.Text(_token) : input.TextOrVariable(_token, TransportOptions.TokenVariable);
            if (!string.IsNullOrEmpty(token))
            {
                return (Access.Wallet, new Credentials(null, token, null));
            }

            if (walletGiven || variable(TransportOptions.KeyVariable) is not null)
            {
                return (Access.Wallet, new Credentials(null, null, input.KeyOrFile(_key, _keyFile, TransportOptions.KeyVariable)));
            }
        }

        var operatorKey = input.SecretOrFile(_operatorKey, _operatorKeyFile, TransportOptions.OperatorKeyVariable);
        if (string.IsNullOrEmpty(operatorKey) && !input.Failed)
        {
            input.Error(_token, $"is required with --http: the wallet's session (or --key-file to sign in), or --operator-key-file (or set "
                + $"{TransportOptions.TokenVariable}, {TransportOptions.KeyVariable} or {TransportOptions.OperatorKeyVariable})");
        }

        return (Access.Operator, new Credentials(operatorKey, null, null));
    }
}
