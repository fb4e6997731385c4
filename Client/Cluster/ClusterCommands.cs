using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Client.Cluster;

/// <summary><c>cluster ...</c>: what the cluster looks like, through a silo's REST API.</summary>
internal static class ClusterCommands
{
    public static Command Create()
    {
        var http = new Option<Uri>("--http")
        {
            Description = "Base URL of any silo's REST API.",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:8080"),
        };
        var silos = new Command("silos", "List the silos with their zone, status and activation count.") { http };
        silos.SetAction(async (result, cancellationToken) =>
        {
            using var client = new HttpClient { BaseAddress = result.GetValue(http), Timeout = TimeSpan.FromSeconds(10) };
            return await ListSilosAsync(client, Console.Out, Console.Error, cancellationToken);
        });
        return new Command("cluster", "Inspect the cluster.") { silos, CounterCommands.CreateGateways() };
    }

    /// <summary>Prints one line per silo; returns 0, or 1 when the silo cannot be reached or answers with an error.</summary>
    public static async Task<int> ListSilosAsync(HttpClient client, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        List<SiloRow>? silos;
        try
        {
            silos = await client.GetFromJsonAsync<List<SiloRow>>("api/cluster/silos", JsonOptions, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException)
        {
            await errors.WriteLineAsync($"cannot list silos from {client.BaseAddress}: {error.Message}");
            return 1;
        }

        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,-12} {2,-13} {3,11}", "ADDRESS", "ZONE", "STATUS", "ACTIVATIONS"));
        foreach (var silo in silos ?? [])
        {
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,-12} {2,-13} {3,11}", silo.Address, silo.Zone, silo.Status, silo.ActivationCount));
        }

        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record SiloRow(string Address, string Zone, string Status, int ActivationCount);
}
