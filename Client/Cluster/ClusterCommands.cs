using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>cluster ...</c>: what the cluster looks like, through a silo's REST API (<c>silos</c>) or the cluster client
/// (<c>gateways</c>).
/// </summary>
internal static class ClusterCommands
{
    /// <summary>The REST API of a silo started with the defaults on this machine.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/";

    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Read as text and checked here: a URL the parser cannot convert would otherwise end the command with an exception.
        var http = new Option<string?>("--http") { Description = $"Base URL of any silo's REST API (default {DefaultUrl})." };
        var silos = new Command("silos", "List the silos with their zone, status and activation count.") { http };
        silos.SetAction(async (result, cancellationToken) =>
        {
            var (output, errors) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            if (SiloUrl.Parse(result.GetValue(http) ?? DefaultUrl, out var error) is not { } url)
            {
                await errors.WriteLineAsync($"--http: {error}");
                return 2;
            }

            using var client = services.CreateHttpClient(url);
            return await ListSilosAsync(client, output, errors, cancellationToken);
        });
        return new Command("cluster", "Inspect the cluster.") { silos, CounterCommands.CreateGateways(services) };
    }

    /// <summary>
    /// Prints one line per silo (a value the silo does not know, such as a dead silo's activation count, as <c>-</c>); returns
    /// 0, or 1 when the silo cannot be reached or answers with an error.
    /// </summary>
    public static async Task<int> ListSilosAsync(
        HttpClient client, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        List<SiloRow>? silos;
        try
        {
            silos = await client.GetFromJsonAsync<List<SiloRow>>("api/cluster/silos", JsonOptions, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            await errors.WriteLineAsync($"cannot list silos from {client.BaseAddress}: {error.Message}");
            return 1;
        }

        await output.WriteLineAsync(Line("ADDRESS", "ZONE", "STATUS", "ACTIVATIONS"));
        foreach (var silo in silos ?? [])
        {
            var activations = silo.ActivationCount?.ToString(CultureInfo.InvariantCulture);
            await output.WriteLineAsync(Line(silo.Address, silo.Zone, Text(silo.Status), activations));
        }

        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private const string Unknown = "-";

    private static string Line(string? address, string? zone, string? status, string? activations) => string.Format(
        CultureInfo.InvariantCulture, "{0,-24} {1,-12} {2,-13} {3,11}",
        address ?? Unknown, zone ?? Unknown, status ?? Unknown, activations ?? Unknown);

    // A status is a name (Active, Dead...); a silo that sends the enum's number is shown as it sent it.
    private static string? Text(JsonElement? status) => status switch
    {
        { ValueKind: JsonValueKind.String } name => name.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };

    private sealed record SiloRow(string? Address, string? Zone, JsonElement? Status, int? ActivationCount);
}
