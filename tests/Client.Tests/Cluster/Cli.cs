using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Actors.Client.Cluster;
using Actors.Domain.Ethereum;

namespace Actors.Client.Tests.Cluster;

/// <summary>Runs the client's command line as the program does, with its output and errors captured.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(CommandServices services, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exit = await ClientCommandLine.RunAsync(args, services, new InvocationConfiguration { Output = output, Error = errors }, timeout.Token);
        return new CliResult(exit, output.ToString(), errors.ToString());
    }

    /// <summary>Services with no environment variables, no HTTP, and the given clock.</summary>
    public static CommandServices Offline(TimeProvider? time = null) =>
        new(_ => null, _ => throw new InvalidOperationException("This test makes no HTTP calls."), time ?? TimeProvider.System);

    /// <summary>Services whose HTTP clients send through <paramref name="handler"/>, with the given environment variables.</summary>
    public static CommandServices Over(HttpMessageHandler handler, IReadOnlyDictionary<string, string>? variables = null) =>
        new(name => variables?.GetValueOrDefault(name), url => new HttpClient(handler, disposeHandler: false) { BaseAddress = url }, TimeProvider.System);

    /// <summary>The text of a private key made from a small number: 0x and 64 hex digits.</summary>
    public static string KeyText(int n) => "0x" + n.ToString("x64", CultureInfo.InvariantCulture);

    /// <summary>The private key <see cref="KeyText"/> writes.</summary>
    public static PrivateKey Key(int n) => PrivateKey.Parse(KeyText(n));

    /// <summary>A test address: <c>Address(0xa)</c> is 0x000…00a.</summary>
    public static EthereumAddress Address(int n) => EthereumAddress.Parse("0x" + n.ToString("x40", CultureInfo.InvariantCulture));
}

/// <summary>A command's exit code, stdout and stderr.</summary>
internal sealed record CliResult(int Exit, string Output, string Errors)
{
    /// <summary>Stdout as JSON; fails the test with stderr when the command did not succeed.</summary>
    public JsonElement Json
    {
        get
        {
            Assert.True(Exit == 0, $"exit {Exit}: {Errors}");
            return JsonDocument.Parse(Output).RootElement;
        }
    }

    /// <summary>A string property of stdout's JSON.</summary>
    public string? this[string property] => Json.GetProperty(property).ToString();
}
