using System.Globalization;
using Actors.Runtime.Membership;
using Actors.Runtime.Reminders;
using Actors.Runtime.Storage;

namespace Actors.Runtime.Testing;

/// <summary>
/// An in-process cluster: silos on their own 127.0.0.1 ports and zones, over one shared storage, one shared membership
/// table and one shared reminder table, with crash, graceful stop, start, network partitions and storage faults, for failover and safety tests.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo?> _silos = [];
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? _configureServices;

    private TestCluster(IGrainStorage storage, IMembershipTable membership, IReminderTable reminders, IReadOnlyDictionary<string, string?> settings,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices)
    {
        Storage = new FaultInjectingGrainStorage(storage);
        Membership = membership;
        Reminders = reminders;
        _settings = settings;
        _configureServices = configureServices;
    }

    /// <summary>The shared storage, wrapped for fault injection.</summary>
    public FaultInjectingGrainStorage Storage { get; }

    /// <summary>The shared membership table.</summary>
    public IMembershipTable Membership { get; }

    /// <summary>The shared reminder table.</summary>
    public IReminderTable Reminders { get; }

    /// <summary>The silos by index; a killed or stopped silo's slot is null.</summary>
    public IReadOnlyList<TestSilo?> Silos => _silos;

    /// <summary>The silos still running.</summary>
    public IEnumerable<TestSilo> Live => _silos.Where(s => s is not null)!;

    /// <summary>The cluster id the silos run under.</summary>
    public string ClusterId => _settings.GetValueOrDefault("Silo:ClusterId") ?? "test";

    /// <summary>The gateways (<c>host:port</c>) of the running silos.</summary>
    public IReadOnlyList<string> Gateways => [.. Live.Select(s => s.Gateway)];

    /// <summary>Connects a cluster client through the given gateways (by default every running silo's).</summary>
    public Task<Client.ClusterClient> ConnectClientAsync(IEnumerable<string>? gateways = null, Action<Client.ClusterClientOptions>? configure = null)
    {
        var options = new Client.ClusterClientOptions { ClusterId = ClusterId };
        foreach (var gateway in gateways ?? Gateways)
        {
            options.Gateways.Add(gateway);
        }

        configure?.Invoke(options);
        return Client.ClusterClient.ConnectAsync(options);
    }

    /// <summary>Starts a cluster with one silo per zone label given, in order.</summary>
    public static async Task<TestCluster> StartAsync(
        IReadOnlyList<string> zones,
        IGrainStorage? storage = null,
        IMembershipTable? membership = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null,
        IReminderTable? reminders = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var cluster = new TestCluster(storage ?? new MemoryGrainStorage(), membership ?? new MemoryMembershipTable(),
            reminders ?? new MemoryReminderTable(), settings ?? new Dictionary<string, string?>(), configureServices);
        foreach (var zone in zones)
        {
            await cluster.StartSiloAsync(zone).ConfigureAwait(false);
        }

        await cluster.WaitForActiveAsync(zones.Count).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Starts one more silo in a zone; returns its index.</summary>
    public async Task<int> StartSiloAsync(string zone)
    {
        var settings = new Dictionary<string, string?>(_settings)
        {
            ["Silo:Zone"] = zone,
            ["Silo:ClusterId"] = ClusterId,
            ["Silo:GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        };
        var silo = await TestSilo.StartAsync(Storage, settings: settings, configureServices: _configureServices, membership: Membership, reminders: Reminders).ConfigureAwait(false);
        _silos.Add(silo);
        return _silos.Count - 1;
    }

    /// <summary>Crashes a silo: no deactivation, no goodbye in the table; its peers must detect the death.</summary>
    public async Task KillAsync(int index)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        await silo.CrashAsync().ConfigureAwait(false);
    }

    /// <summary>Stops a silo gracefully.</summary>
    public async Task StopAsync(int index)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        await silo.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Cuts the network between two silos, both ways; the membership table stays reachable to both.</summary>
    public void Partition(int a, int b) => Link(a, b, cut: true);

    /// <summary>Restores the network between two silos.</summary>
    public void Heal(int a, int b) => Link(a, b, cut: false);

    /// <summary>Waits until every running silo sees exactly <paramref name="active"/> Active silos, all of them running.</summary>
    public Task WaitForActiveAsync(int active, TimeSpan? timeout = null) =>
        Wait.UntilAsync(
            () => Live.All(s => s.Runtime.Membership.View.Active.Count == active
                && s.Runtime.Membership.View.Active.All(m => Live.Any(l => l.Runtime.SiloAddress == m.Silo))),
            $"every running silo to see {active} active silos", timeout ?? TimeSpan.FromSeconds(20));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => s is not null))
        {
            await silo!.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Link(int a, int b, bool cut)
    {
        var (left, right) = (_silos[a]!.Runtime, _silos[b]!.Runtime);
        if (cut)
        {
            left.Messages.Partition(right.SiloAddress);
            right.Messages.Partition(left.SiloAddress);
        }
        else
        {
            left.Messages.Heal(right.SiloAddress);
            right.Messages.Heal(left.SiloAddress);
        }
    }
}
