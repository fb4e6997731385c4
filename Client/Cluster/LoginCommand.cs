using System.CommandLine;
using Actors.Client.Keys;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>login</c>: signs in over REST with a wallet key (EIP-4361 nonce, EIP-191 signature of the returned message for the key's
/// own address) and prints the silo's answer <c>{token, address, expiresAt}</c>, so that later commands can use the token
/// (<c>--token</c> or <c>ACTORS_TOKEN</c>); <c>session</c> prints the address and expiry of a token. Exit codes: 0 done, 1 the
/// silo refused or could not be reached, 2 bad input.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = new Option<string?>("--http") { Description = "Base URL of a silo's REST API, e.g. http://127.0.0.1:8080." };
        var key = KeyFiles.KeyOption($"The wallet's private key (default: ${TransportOptions.KeyVariable}). Never sent.");
        var keyFile = KeyFiles.FileOption("A file holding the wallet's private key, as `key new --out` writes it. Never sent.");
        var command = new Command("login", "Sign in with a wallet key (SIWE) and print the session token.") { http, key, keyFile };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var input = new CommandInput(result, overHttp: true, services.Variable);
            var url = BaseUrl(input, http);
            var signer = input.KeyOrFile(key, keyFile, TransportOptions.KeyVariable);
            if (signer is null && !input.Failed)
            {
                input.Error(keyFile, $"is required: a file holding the wallet's private key (or --key, or set {TransportOptions.KeyVariable})");
            }

            if (input.Failed)
            {
                return await FailAsync(errors, input);
            }

            using var client = services.CreateHttpClient(url!);
            var call = new HttpCall(client, output, errors, new Credentials(null, null, null));
            if (await call.SignInAsync(signer!, cancellationToken) is not { } session)
            {
                return 1;
            }

            await output.WriteLineAsync(CommandJson.Format(session));
            return 0;
        });
        return command;
    }

    /// <summary><c>session</c>: the address and expiry of a session token (<c>GET /api/auth/session</c>).</summary>
    public static Command Session(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var http = new Option<string?>("--http") { Description = "Base URL of a silo's REST API, e.g. http://127.0.0.1:8080." };
        var token = new Option<string?>("--token") { Description = $"The session token (default: ${TransportOptions.TokenVariable})." };
        var command = new Command("session", "Print the address and expiry of a session token; 401 once it expired or a recovery ended it.") { http, token };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var input = new CommandInput(result, overHttp: true, services.Variable);
            var url = BaseUrl(input, http);
            var text = input.TextOrVariable(token, TransportOptions.TokenVariable);
            if (string.IsNullOrEmpty(text))
            {
                input.Error(token, $"is required: a session token from login (or set {TransportOptions.TokenVariable})");
            }

            if (input.Failed)
            {
                return await FailAsync(errors, input);
            }

            using var client = services.CreateHttpClient(url!);
            var call = new HttpCall(client, output, errors, new Credentials(null, text, null));
            return await call.SendAsync(HttpMethod.Get, "api/auth/session", Access.Wallet, cancellationToken: cancellationToken);
        });
        return command;
    }

    private static Uri? BaseUrl(CommandInput input, Option<string?> http)
    {
        if (input.Text(http) is not { } text)
        {
            input.Error(http, "is required: the base URL of a silo's REST API");
            return null;
        }

        var url = SiloUrl.Parse(text, out var error);
        if (url is null)
        {
            input.Error(http, error!);
        }

        return url;
    }

    private static async Task<int> FailAsync(TextWriter errors, CommandInput input)
    {
        foreach (var message in input.Errors)
        {
            await errors.WriteLineAsync(message);
        }

        return 2;
    }
}
