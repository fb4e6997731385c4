using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Membership;
using Actors.Runtime.Reminders;
using Actors.Runtime.Serialization;
using Actors.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime;

/// <summary>
/// One silo's runtime: the catalog of activations, the grain factory, the group committer, the timeout tracker, the
/// collector, membership and reminders, wired together. Hosts start and stop it through <see cref="Hosting.SiloHostedService"/>.
/// </summary>
internal sealed class SiloRuntime : ILocalSilo, IAsyncDisposable
{
    private static readonly GrainId HealthProbeId = GrainId.Create("system.health", "probe");
    private readonly ActivationCollector _collector;
    private readonly GroupCommitter _committer;
    private readonly Lock _stopLock = new();
    private volatile SiloStatus _status = SiloStatus.Joining;
    private static long s_lastEpoch;
    private Task? _stopping;
    private int _fenced;

    public SiloRuntime(
        IOptions<SiloOptions> options,
        IOptions<StorageOptions> storageOptions,
        IGrainStorage storage,
        IMembershipTable membershipTable,
        IOptions<MembershipOptions> membershipOptions,
        IReminderTable reminderTable,
        IOptions<ReminderOptions> reminderOptions,
        IGrainStateSerializer serializer,
        TimeProvider timeProvider,
        IServiceProvider services,
        RuntimeMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        Options = options.Value;
        Storage = storage;
        Serializer = serializer;
        TimeProvider = timeProvider;
        Services = services;
        Metrics = metrics;
        Logger = loggerFactory.CreateLogger("Actors.Runtime");
        SiloAddress = new SiloAddress(Options.AdvertisedHost, Options.Port, NextEpoch());
        Catalog = new Catalog(this);
        Router = new SiloCallRouter(this);
        GrainFactory = new GrainFactory(Router);
        Timeouts = new CallTimeoutTracker(timeProvider, Options.ResponseTimeout, Options.ResponseTimeoutScanPeriod);
        var concurrentBatches = storageOptions.Value.MaxConcurrentBatches ?? (storage.Name == "postgres" ? 4 : 1);
        _committer = new GroupCommitter(storage, storageOptions.Value, concurrentBatches, metrics, loggerFactory.CreateLogger("Actors.Runtime.Storage"));
        _collector = new ActivationCollector(this);
        Messages = new Messaging.MessageCenter(this);
        Gateway = new Messaging.Gateway(this);
        Membership = new MembershipService(this, membershipTable, membershipOptions.Value);
        Membership.ViewChanged += HandOffGrainsOwnedElsewhere;
        Reminders = new ReminderService(this, reminderTable, reminderOptions.Value);
    }

    public SiloOptions Options { get; }

    public IGrainStorage Storage { get; }

    public IGrainStateSerializer Serializer { get; }

    public TimeProvider TimeProvider { get; }

    public IServiceProvider Services { get; }

    public RuntimeMetrics Metrics { get; }

    public ILogger Logger { get; }

    public SiloAddress SiloAddress { get; }

    public Catalog Catalog { get; }

    public IGrainFactory GrainFactory { get; }

    public CallTimeoutTracker Timeouts { get; }

    public GroupCommitter Committer => _committer;

    public Messaging.MessageCenter Messages { get; }

    /// <summary>The gateway port's side: cluster clients' connections.</summary>
    public Messaging.Gateway Gateway { get; }

    public MembershipService Membership { get; }

    public SiloCallRouter Router { get; }

    public ReminderService Reminders { get; }

    /// <summary>The REST port advertised in the membership table (0 when the host serves none).</summary>
    public int HttpPort => Options.HttpPort;

    /// <summary>True while the silo cannot vouch for its membership lease: it serves no grain calls.</summary>
    public bool IsFenced => Volatile.Read(ref _fenced) != 0;

    public ActivationCollector Collector => _collector;

    SiloAddress ILocalSilo.Address => SiloAddress;

    public string ClusterId => Options.ClusterId;

    public string Zone => Options.Zone;

    public SiloStatus Status => _status;

    public int ActivationCount => Catalog.Count;

    public ClusterView Cluster => Membership.View;

    public Task<int?> GetActivationCountAsync(SiloAddress silo, TimeSpan timeout) =>
        silo == SiloAddress ? Task.FromResult<int?>(Catalog.Count) : Messages.PingAsync(silo, timeout);

    public string StorageName => Storage.Name;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        SetStatus(SiloStatus.Joining);
        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Reminders.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Membership.JoinAsync(cancellationToken).ConfigureAwait(false);
        Reminders.Start();
        _collector.Start();
        SetStatus(SiloStatus.Active);
    }

    /// <summary>Sets or clears the fence; true when the value changed.</summary>
    public bool SetFenced(bool fenced) => Interlocked.Exchange(ref _fenced, fenced ? 1 : 0) != (fenced ? 1 : 0);

    /// <summary>
    /// Simulates a crash for tests: the silo stops heartbeating, serving and answering at once, without deactivating grains
    /// or telling the membership table. Its peers must find out by themselves.
    /// </summary>
    public async Task CrashAsync()
    {
        SetFenced(true);
        lock (_stopLock)
        {
            _stopping ??= Task.CompletedTask;
        }

        await Reminders.AbortAsync().ConfigureAwait(false);
        _collector.Dispose();
        await _committer.AbortAsync().ConfigureAwait(false);
        await Membership.AbandonAsync().ConfigureAwait(false);
        await Gateway.DisposeAsync().ConfigureAwait(false);
        await Messages.DisposeAsync().ConfigureAwait(false);
        SetStatus(SiloStatus.Dead);
    }

    /// <summary>Stops once: later and concurrent callers await the same stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stopping ??= StopCoreAsync(cancellationToken);
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        SetStatus(SiloStatus.ShuttingDown);
        _collector.Dispose();
        // Ticks in flight finish (and are recorded) while their grains are still active; no new tick starts.
        await Reminders.StopAsync(Options.ShutdownTimeout).ConfigureAwait(false);
        await Membership.AnnounceShutdownAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Client requests under way finish while grains deactivate (new ones are refused, so clients go elsewhere).
            await Task.WhenAll(
                Catalog.StopAsync(Options.ShutdownTimeout, cancellationToken),
                Gateway.DrainAsync(Options.ShutdownTimeout)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ShutdownCancelled(Logger, Catalog.Count);
        }
        finally
        {
            // Whatever became of the deactivations, pending writes get a bounded chance to commit and connections close.
            await _committer.StopAsync(Options.ShutdownTimeout).ConfigureAwait(false);
            await Membership.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
            await Gateway.DisposeAsync().ConfigureAwait(false);
            await Messages.DisposeAsync().ConfigureAwait(false);
            SetStatus(SiloStatus.Dead);
        }
    }

    public async Task<bool> IsStorageReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Storage.ReadAsync(HealthProbeId, "probe", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _collector.Dispose();
        Timeouts.Dispose();
        await Reminders.DisposeAsync().ConfigureAwait(false);
        await Membership.DisposeAsync().ConfigureAwait(false);
    }

    // Epochs identify a silo's life across restarts on the same endpoint: wall-clock milliseconds, strictly increasing.
    private static long NextEpoch()
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Volatile.Read(ref s_lastEpoch);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastEpoch, next, last) == last)
            {
                return next;
            }
        }
    }

    // On a new view, activations of grains another silo now owns leave after their current turn; their state is in storage.
    // Those that stay check their state against storage while the view settles (see Activation.StateRefresh).
    private void HandOffGrainsOwnedElsewhere(ClusterView view)
    {
        if (!view.IsActive(SiloAddress))
        {
            return;
        }

        foreach (var activation in Catalog.Activations)
        {
            if (Router.OwnerOf(activation.GrainId) != SiloAddress)
            {
                activation.Deactivate(DeactivationReason.OwnershipChanged);
            }
        }
    }

    private void SetStatus(SiloStatus status)
    {
        _status = status;
        Log.SiloStatusChanged(Logger, SiloAddress, Zone, ClusterId, status, Storage.Name);
    }
}
