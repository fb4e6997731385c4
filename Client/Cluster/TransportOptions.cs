using System.CommandLine;
using Actors.Client.Keys;

namespace Actors.Client.Cluster;

/// <summary>
/// The options the cluster commands share: the cluster client's <c>--gateway</c> and <c>--cluster-id</c>, or <c>--http</c> to go
/// through a silo's REST API instead, with the credential the route needs. Runs a command: checks every input, then makes
/// the calls through the transport chosen (REST when <c>--http</c> is given). Exit codes: 0 done, 1 the cluster refused or
/// failed or could not be reached, 2 bad input (each wrong input named on stderr, nothing called).
/// </summary>
internal sealed class TransportOptions(CommandServices services)
{
    /// <summary>The environment variable read when <c>--operator-key</c> is not given.</summary>
    public const string OperatorKeyVariable = "ACTORS_OPERATOR_KEY";

    /// <summary>The environment variable read when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "ACTORS_TOKEN";

    /// <summary>The environment variable read when <c>--key</c> is not given.</summary>
    public const string KeyVariable = "ACTORS_WALLET_KEY";

    private readonly GatewayOptions _gateway = new();

    private readonly Option<string?> _http = new("--http")
    {
        Description = "Base URL of a silo's REST API (e.g. http://127.0.0.1:8080); when given, the command goes over REST instead of the cluster client.",
    };

    private readonly Option<string?> _operatorKey = new("--operator-key")
    {
        Description = $"With --http: the operator key (default: ${OperatorKeyVariable}). "
            + "Prefer --operator-key-file: a key on the command line stays in the shell's history.",
    };

    private readonly Option<string?> _operatorKeyFile = new("--operator-key-file")
    {
        Description = "With --http: a file holding the operator key, such as the silo's generated data/operator-key.",
    };

    private readonly Option<string?> _token = new("--token") { Description = $"With --http: a session token from sign-in (default: ${TokenVariable})." };

    private readonly Option<string?> _key = KeyFiles.KeyOption(
        $"With --http and no token: the wallet's private key (0x and 64 hex digits) to sign in with (default: ${KeyVariable}). Never sent.");

    private readonly Option<string?> _keyFile =
        KeyFiles.FileOption("With --http and no token: a file holding the wallet's private key, as `key new --out` writes it.");

    /// <summary>The operation id option of state-changing commands: a repeat with the same id has one effect.</summary>
    public static Option<string?> Operation() => new("--op")
    {
        Description = "Operation id (1 to 100 letters, digits, '.', '_' or '-'): the grain call's operation id, or over REST the Idempotency-Key; a repeat has one effect. Default: a new id.",
    };

    /// <summary>
    /// A command taking <paramref name="symbols"/> (its arguments and options), the transport options, and those of the
    /// credential <paramref name="access"/> needs. It checks every input (<paramref name="plan"/> reads the command's own) and
    /// then runs the plan through the cluster client, or over REST when <c>--http</c> is given.
    /// </summary>
    public Command Command<T>(string name, string description, Access access, Symbol[] symbols, Func<CommandInput, CallPlan<T>> plan)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Option[] credentials = access switch
        {
            Access.Operator => [_operatorKey, _operatorKeyFile],
            Access.Wallet or Access.WalletIfGiven => [_token, _key, _keyFile],
            _ => [],
        };
        var command = new Command(name, description);
        foreach (var symbol in (Symbol[])[.. symbols, .. _gateway.All, _http, .. credentials])
        {
            if (symbol is Argument argument)
            {
                command.Arguments.Add(argument);
            }
            else
            {
                command.Options.Add((Option)symbol);
            }
        }

        command.SetAction((result, cancellationToken) => RunAsync(result, access, plan, cancellationToken));
        return command;
    }

    // Checks the inputs (the plan reads the command's own), then runs the plan through the chosen transport.
    private async Task<int> RunAsync<T>(ParseResult result, Access access, Func<CommandInput, CallPlan<T>> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plan);
        var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        var input = new CommandInput(result, result.GetValue(_http) is not null, services.Variable);
        var url = input.OverHttp ? BaseUrl(input) : null;
        var credentials = input.OverHttp ? ReadCredentials(input, access) : null;
        var call = plan(input);
        if (input.Failed)
        {
            foreach (var error in input.Errors)
            {
                await errors.WriteLineAsync(error);
            }

            return 2;
        }

        if (url is null)
        {
            return await ClusterCall.RunAsync(_gateway.Read(result, services.Variable), services, output, errors, call.Cluster, cancellationToken);
        }

        using var client = services.CreateHttpClient(url);
        return await call.Http(new HttpCall(client, output, errors, credentials!), cancellationToken);
    }

    private Uri? BaseUrl(CommandInput input)
    {
        var url = SiloUrl.Parse(input.Text(_http)!, out var error);
        if (url is null)
        {
            input.Error(_http, error!);
        }

        return url;
    }

    private Credentials ReadCredentials(CommandInput input, Access access)
    {
        switch (access)
        {
            case Access.Operator:
                var operatorKey = input.SecretOrFile(_operatorKey, _operatorKeyFile, OperatorKeyVariable);
                if (string.IsNullOrEmpty(operatorKey) && !input.Failed)
                {
                    input.Error(
                        _operatorKey, $"is required with --http for this operator route: --operator-key-file FILE (or set {OperatorKeyVariable})");
                }

                return new Credentials(operatorKey, null, null);
            case Access.Wallet or Access.WalletIfGiven:
                // What the command line gives wins over the environment, and a token over a key.
                var keyGiven = input.Text(_key) is not null || input.Text(_keyFile) is not null;
                var tokenText = keyGiven ? input.Text(_token) : input.TextOrVariable(_token, TokenVariable);
                var token = string.IsNullOrEmpty(tokenText) ? null : tokenText;
                var signsIn = token is null && (keyGiven || services.Variable(KeyVariable) is not null);
                if (access == Access.Wallet && token is null && !signsIn)
                {
                    input.Error(
                        _token, $"is required with --http for this wallet route, or --key-file to sign in (or set {TokenVariable} or {KeyVariable})");
                }

                return new Credentials(null, token, signsIn ? input.KeyOrFile(_key, _keyFile, KeyVariable) : null);
            default:
                return new Credentials(null, null, null);
        }
    }
}
