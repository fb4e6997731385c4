using System.Net.Http.Json;
using System.Text.Json;
using Actors.Testing;

namespace Actors.Silo.Tests;

public sealed class ClusterProcessTests
{
    [Fact]
    public async Task Three_silo_processes_form_a_cluster_and_declare_a_killed_one_dead()
    {
        await using var cluster = await ProcessCluster.StartAsync("processes", ["a", "b", "a"]);
        var silos = cluster.Silos;
        await Wait.UntilAsync(async () => (await ActiveAsync(silos[0])).Count == 3, "the first silo to see three active silos", TimeSpan.FromSeconds(30));
        var victim = (await ActiveAsync(silos[1])).Single(s => s.GetProperty("isLocal").GetBoolean()).GetProperty("address").GetString();

        await silos[1].KillAsync();

        foreach (var survivor in new[] { silos[0], silos[2] })
        {
            await Wait.UntilAsync(async () => (await ActiveAsync(survivor)).Count == 2, "the survivors to declare the killed silo dead", TimeSpan.FromSeconds(20));
        }

        var all = await SilosAsync(silos[0]);
        Assert.Equal("Dead", all.Single(s => s.GetProperty("address").GetString() == victim).GetProperty("status").GetString());
        Assert.Equal(["a", "a"], (await ActiveAsync(silos[2])).Select(s => s.GetProperty("zone").GetString()));
    }

    private static async Task<List<JsonElement>> SilosAsync(SiloProcess silo)
    {
        using var client = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(5) };
        var silos = await client.GetFromJsonAsync<JsonElement>("api/cluster/silos");
        return [.. silos.EnumerateArray()];
    }

    private static async Task<List<JsonElement>> ActiveAsync(SiloProcess silo) =>
        [.. (await SilosAsync(silo)).Where(s => s.GetProperty("status").GetString() == "Active")];
}
