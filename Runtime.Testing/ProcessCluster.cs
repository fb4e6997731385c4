using System.Net.Http.Json;
using System.Text.Json;
using Actors.Runtime.Client;

namespace Actors.Runtime.Testing;

/// <summary>
/// Several real Silo processes on 127.0.0.1 forming one cluster, on a SQLite database in a temporary folder unless the
/// settings name another storage. Disposing kills what still runs and deletes the folder.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _data;
    private readonly List<SiloProcess> _silos = [];

    private ProcessCluster(string clusterId, DirectoryInfo data)
    {
        ClusterId = clusterId;
        _data = data;
    }

    /// <summary>The cluster id every silo runs under.</summary>
    public string ClusterId { get; }

    /// <summary>The silo processes, in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts one silo per zone label and waits until each is ready.</summary>
    public static async Task<ProcessCluster> StartAsync(string clusterId, IReadOnlyList<string> zones, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var cluster = new ProcessCluster(clusterId, Directory.CreateTempSubdirectory("silo-cluster-"));
        try
        {
            foreach (var zone in zones)
            {
                var all = new Dictionary<string, string>
                {
                    ["Storage:Provider"] = "sqlite",
                    ["Storage:Path"] = cluster._data.FullName,
                    ["Silo:ClusterId"] = clusterId,
                    ["Silo:Zone"] = zone,
                };
                foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                {
                    all[key] = value;
                }

                cluster._silos.Add(SiloProcess.Start(all));
            }

            foreach (var silo in cluster._silos)
            {
                await silo.WaitReadyAsync().ConfigureAwait(false);
            }

            await cluster.WaitForActiveAsync(zones.Count).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until every running silo's REST API lists exactly <paramref name="active"/> Active silos.</summary>
    public async Task WaitForActiveAsync(int active, TimeSpan? timeout = null)
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
        {
            using var http = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(5) };
            await Wait.UntilAsync(async () =>
            {
                var silos = await http.GetFromJsonAsync<JsonElement>("api/cluster/silos").ConfigureAwait(false);
                return silos.EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Active") == active;
            }, $"silo on port {silo.HttpPort} to see {active} active silos", timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
    }

    /// <summary>Cluster client options naming the gateways of the given silos (all of them by default).</summary>
    public ClusterClientOptions ClientOptions(params int[] silos)
    {
        var options = new ClusterClientOptions { ClusterId = ClusterId };
        foreach (var index in silos.Length == 0 ? Enumerable.Range(0, _silos.Count) : silos)
        {
            options.Gateways.Add(_silos[index].Gateway);
        }

        return options;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }

        _data.Delete(recursive: true);
    }
}
