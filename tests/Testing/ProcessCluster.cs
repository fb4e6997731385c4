using System.Net;
using System.Text.Json;

namespace Actors.Testing;

/// <summary>
/// Several real Silo processes on 127.0.0.1 forming one cluster, on a SQLite database in a temporary folder unless the settings
/// name another storage. The folder is every silo's working directory. Disposing kills what still runs and deletes the folder.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly List<SiloProcess> _silos = [];

    private ProcessCluster(string clusterId, DirectoryInfo data, IReadOnlyDictionary<string, string>? settings)
    {
        ClusterId = clusterId;
        Data = data;
        _settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:Path"] = data.FullName,
            ["Silo:ClusterId"] = clusterId,
            ["Gateway:OperatorKey"] = "cluster-test-operator-key-0123456789abcdef",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The cluster id every silo runs under.</summary>
    public string ClusterId { get; }

    /// <summary>The temporary folder: the SQLite database and the silos' working directory.</summary>
    public DirectoryInfo Data { get; }

    /// <summary>The silo processes, in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The silos that have not exited.</summary>
    public IEnumerable<SiloProcess> Running => _silos.Where(s => !s.HasExited);

    /// <summary>
    /// Starts one silo per zone label with the shared <paramref name="settings"/> (and, when given, settings of its own by
    /// index), waits until each is ready and every one sees all of them active.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(
        string clusterId, IReadOnlyList<string> zones, IReadOnlyDictionary<string, string>? settings = null,
        Func<int, IReadOnlyDictionary<string, string>>? perSilo = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var cluster = new ProcessCluster(clusterId, Directory.CreateTempSubdirectory("silo-cluster-"), settings);
        try
        {
            for (var i = 0; i < zones.Count; i++)
            {
                cluster.StartSilo(zones[i], perSilo?.Invoke(i));
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

    /// <summary>Starts one more silo in <paramref name="zone"/> with the cluster's settings and <paramref name="extra"/>; does not wait.</summary>
    public SiloProcess StartSilo(string zone, IReadOnlyDictionary<string, string>? extra = null)
    {
        var all = new Dictionary<string, string>(_settings, StringComparer.OrdinalIgnoreCase) { ["Silo:Zone"] = zone };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var silo = SiloProcess.Start(all, Data.FullName);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Waits until every running silo's <c>/api/cluster/silos</c> lists exactly <paramref name="active"/> Active silos.</summary>
    public async Task WaitForActiveAsync(int active, TimeSpan? timeout = null)
    {
        foreach (var silo in Running.ToList())
        {
            await Wait.UntilAsync(
                async () => (await ActiveSilosAsync(silo).ConfigureAwait(false)).Count == active,
                $"silo on port {silo.HttpPort} to see {active} active silos",
                timeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
    }

    /// <summary>The silos <paramref name="silo"/> lists as Active, as the REST API shows them; empty when it does not answer.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ActiveSilosAsync(SiloProcess silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        using var http = new HttpClient { BaseAddress = silo.HttpBase, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri("api/cluster/silos", UriKind.Relative)).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            return [.. document.RootElement.EnumerateArray()
                .Where(s => string.Equals(s.GetProperty("status").GetString(), "Active", StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Clone())];
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>The gateway endpoints of the given silos (all of them by default).</summary>
    public IPEndPoint[] Gateways(params int[] silos) =>
        [.. (silos.Length == 0 ? Enumerable.Range(0, _silos.Count) : silos).Select(i => _silos[i].Gateway)];

    /// <summary>A setting every silo of this cluster runs with.</summary>
    public string Setting(string key) => _settings[key];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open elsewhere stays in the temporary folder; the test's outcome does not depend on it.
        }
    }
}
