using System.CommandLine;
using System.Globalization;
using Actors.Client.Cluster;
using Actors.Domain.Logins;
using Actors.Grains.Interfaces.Wallets;

namespace Actors.Client.Logins;

/// <summary>
/// <c>logins verify</c>: checks a wallet's login records without trusting the cluster (<see cref="LoginVerifier"/>): the chain,
/// each record's inclusion in its published batch and the batches' consistency, and with <c>--hmac-key</c> each HMAC. The
/// export comes from a file (<c>--file</c>) or from <c>GET /api/wallets/{address}/logins/export</c> (<c>--http</c> and
/// <c>--wallet</c>, with the wallet's session or the operator key). Prints <c>valid: ...</c>, or each problem on its own line
/// and <c>invalid: F problems</c>. Exit codes: 0 valid, 1 invalid, 2 bad input or no export (a message on stderr).
/// </summary>
internal static class LoginsCommands
{
    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var file = new Option<string?>("--file")
        {
            Description = "A login export as JSON, as GET /api/wallets/{address}/logins/export answers it.",
        };
        var http = new Option<string?>("--http")
        {
            Description = "Base URL of a silo's REST API, e.g. http://127.0.0.1:8080, to fetch the export from.",
        };
        var wallet = new Option<string?>("--wallet")
        {
            Description = "With --http: the wallet whose export to fetch, 0x and 40 hex digits.",
        };
        var hmacKeys = new Option<string[]>("--hmac-key")
        {
            Description = "A login key as VERSION=0xHEX, to check the HMACs of the records under it; repeat for each version. "
                + "Never printed.",
        };
        var credentials = new ExportCredentials(services.Variable);
        var verify = new Command(
            "verify", "Check a wallet's login chain, its batch inclusion proofs and the batches' consistency offline.")
        {
            file, http, wallet, hmacKeys,
        };
        foreach (var option in credentials.Options)
        {
            verify.Options.Add(option);
        }

        verify.SetAction(async (result, cancellationToken) =>
        {
            var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var input = new CommandInput(result, result.GetValue(http) is not null, services.Variable);
            var keys = LoginExportInput.Keys(result.GetValue(hmacKeys) ?? [], out var keyError);
            if (keyError is not null)
            {
                input.Error(hmacKeys, keyError);
            }

            LoginExportJson? export;
            if (input.Text(file) is { } path)
            {
                if (input.OverHttp || input.Text(wallet) is not null)
                {
                    input.Error(file, "give --file, or --http with --wallet, not both");
                }

                export = await ReadFileAsync(input, file, path, cancellationToken);
            }
            else if (input.OverHttp)
            {
                export = await FetchAsync(input, http, wallet, credentials, services, errors, cancellationToken);
            }
            else
            {
                input.Error(file, "is required: a login export as JSON (or --http with --wallet)");
                export = null;
            }

            if (input.Failed || export is null)
            {
                foreach (var error in input.Errors)
                {
                    await errors.WriteLineAsync(error);
                }

                return 2;
            }

            return await ReportAsync(LoginVerifier.Verify(export, keys), output);
        });

        return new Command("logins", "Login records: verify a wallet's tamper-evident login chain and its batch proofs.") { verify };
    }

    /// <summary>Prints the outcome: <c>valid: ...</c> (0), or each finding and <c>invalid: F problems</c> (1).</summary>
    public static async Task<int> ReportAsync(LoginVerification verification, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(output);
        if (verification.Valid)
        {
            var (records, included, hmacs, batches) =
                (verification.Records, verification.Included, verification.HmacsChecked, verification.Batches);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"valid: {records} records, {included} included in batches, {hmacs} HMACs checked, {batches} batches"));
            return 0;
        }

        foreach (var finding in verification.Findings)
        {
            await output.WriteLineAsync(finding.ToString());
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"invalid: {verification.Findings.Count} problems"));
        return 1;
    }

    private static async Task<LoginExportJson?> ReadFileAsync(
        CommandInput input, Option<string?> file, string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            input.Error(file, $"cannot read '{path}': {error.Message}");
            return null;
        }

        var export = LoginExportInput.Parse(text, out var reason);
        if (export is null)
        {
            input.Error(file, $"'{path}' is {reason}");
        }

        return export;
    }

    private static async Task<LoginExportJson?> FetchAsync(
        CommandInput input,
        Option<string?> http,
        Option<string?> wallet,
        ExportCredentials credentials,
        CommandServices services,
        TextWriter errors,
        CancellationToken cancellationToken)
    {
        var url = SiloUrl.Parse(input.Text(http)!, out var urlError);
        if (url is null)
        {
            input.Error(http, urlError!);
        }

        var address = input.Address(wallet);
        var (access, given) = credentials.Read(input);
        if (input.Failed)
        {
            return null;
        }

        using var client = services.CreateHttpClient(url!);
        var call = new HttpCall(client, TextWriter.Null, errors, given);
        var route = $"api/wallets/{WalletKeys.Of(address)}/logins/export";
        if (await call.FetchAsync(HttpMethod.Get, route, access, cancellationToken: cancellationToken) is not { } answer)
        {
            input.Error(http, $"no login export of {address} from {url}: GET /{route} failed");
            return null;
        }

        var export = LoginExportInput.Parse(answer, out var reason);
        if (export is null)
        {
            input.Error(http, $"the answer to GET /{route} is {reason}");
        }
        else if (!string.Equals(export.Wallet, WalletKeys.Of(address), StringComparison.OrdinalIgnoreCase))
        {
            input.Error(http, $"the answer to GET /{route} is the export of another wallet, '{export.Wallet}'");
            return null;
        }

        return export;
    }
}
