using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;
using Actors.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime;

/// <summary>
/// One silo's runtime: the catalog of activations, the grain factory, the group committer, the timeout tracker and the
/// collector, wired together. Hosts start and stop it through <see cref="Hosting.SiloHostedService"/>.
/// </summary>
internal sealed class SiloRuntime : ILocalSilo, IAsyncDisposable
{
    private static readonly GrainId HealthProbeId = GrainId.Create("system.health", "probe");
    private readonly ActivationCollector _collector;
    private readonly GroupCommitter _committer;
    private readonly Lock _stopLock = new();
    private volatile SiloStatus _status = SiloStatus.Joining;
    private Task? _stopping;

    public SiloRuntime(
        IOptions<SiloOptions> options,
        IOptions<StorageOptions> storageOptions,
        IGrainStorage storage,
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
        SiloAddress = new SiloAddress(Options.AdvertisedHost, Options.Port, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        Catalog = new Catalog(this);
        GrainFactory = new GrainFactory(Catalog);
        Timeouts = new CallTimeoutTracker(timeProvider, Options.ResponseTimeout, Options.ResponseTimeoutScanPeriod);
        var concurrentBatches = storageOptions.Value.MaxConcurrentBatches ?? (storage.Name == "postgres" ? 4 : 1);
        _committer = new GroupCommitter(storage, storageOptions.Value, concurrentBatches, metrics, loggerFactory.CreateLogger("Actors.Runtime.Storage"));
        _collector = new ActivationCollector(this);
        Messages = new Messaging.MessageCenter(this);
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

    public ActivationCollector Collector => _collector;

    SiloAddress ILocalSilo.Address => SiloAddress;

    public string ClusterId => Options.ClusterId;

    public string Zone => Options.Zone;

    public SiloStatus Status => _status;

    public int ActivationCount => Catalog.Count;

    public string StorageName => Storage.Name;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        SetStatus(SiloStatus.Joining);
        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _collector.Start();
        SetStatus(SiloStatus.Active);
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
        try
        {
            await Catalog.StopAsync(Options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.ShutdownCancelled(Logger, Catalog.Count);
        }
        finally
        {
            // Whatever became of the deactivations, pending writes get a bounded chance to commit and connections close.
            await _committer.StopAsync(Options.ShutdownTimeout).ConfigureAwait(false);
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
    }

    private void SetStatus(SiloStatus status)
    {
        _status = status;
        Log.SiloStatusChanged(Logger, SiloAddress, Zone, ClusterId, status, Storage.Name);
    }
}
