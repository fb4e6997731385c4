using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Actors.Testing;
using Actors.Testing.Postgres;

namespace Actors.Cluster.Tests;

/// <summary>Without a configured operator key, the silos of a PostgreSQL cluster share one generated key, whichever silo it reaches.</summary>
[Collection(ProcessTests.Name)]
public sealed partial class OperatorKeyTests
{
    [Fact]
    public async Task Silos_on_one_postgres_database_take_one_generated_operator_key_printed_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync($"operator_key_{Guid.NewGuid():N}"[..40]),
            ["Gateway:OperatorKey"] = "", // unset: generated
        };
        await using var cluster = await ProcessCluster.StartAsync("operator-key", ["a", "b"], settings);
        await Task.WhenAll(cluster.Silos.Select(s => s.WaitForOutputAsync("Operator key")));

        var printed = cluster.Silos.Select(s => PrintedKey().Match(s.Output)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var key = Assert.Single(printed); // one silo created it; the others verify it without ever holding it
        var statuses = new List<HttpStatusCode>();
        foreach (var silo in cluster.Silos)
        {
            using var client = new HttpClient { BaseAddress = silo.HttpBase };
            statuses.Add(await PutPoolAsync(client, $"p-{silo.HttpPort}", key));
            statuses.Add(await PutPoolAsync(client, $"q-{silo.HttpPort}", key[..^1] + (key[^1] == '0' ? '1' : '0')));
        }

        Assert.Equal(64, key.Length);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);
    }

    private static async Task<HttpStatusCode> PutPoolAsync(HttpClient client, string poolId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/pools/{poolId}")
        {
            Content = new StringContent("""{"ratePerSecond":"1"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Operator-Key", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("Operator key[^\n]*?: ([0-9a-f]{64})")]
    private static partial Regex PrintedKey();
}
