using Actors.Grains.Logins;
using Actors.Providers.Hosting;
using Actors.Providers.Logins;
using Actors.Providers.Storage;
using Actors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Actors.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster hosting the production grains on the providers' storage (JSON round trip, ETags), behind a
/// fault injector shared by every silo, as one database serves a real cluster; with fake time, unless told otherwise.
/// </summary>
public class GrainCluster : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where fake time starts.</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    private readonly GrainClusterSettings _settings;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"actors-grains-tests-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider? _time;
    private InProcessTestCluster? _host;

    internal GrainCluster(GrainClusterSettings settings)
    {
        _settings = settings;
        _time = settings.FakeTime ? new FakeTimeProvider(Epoch) : null;
        Storage = new FaultInjectingGrainStorage(settings.Storage ?? new InMemoryGrainStorage());
    }

    /// <summary>The storage every silo writes through.</summary>
    public FaultInjectingGrainStorage Storage { get; }

    /// <summary>The login log every silo of the cluster appends to.</summary>
    public MemoryLoginRecordStore LoginStore { get; } = new();

    /// <summary>The grains' clock; advancing it runs their timers and reminders.</summary>
    public FakeTimeProvider Time => _time ?? throw new InvalidOperationException("This cluster runs on real time.");

    /// <summary>The TestingHost cluster.</summary>
    public InProcessTestCluster Host => _host ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>The in-process client, connected to every silo's gateway.</summary>
    public IGrainFactory Grains => Host.Client;

    /// <summary>The silos alive.</summary>
    public IReadOnlyList<InProcessSiloHandle> Silos => [.. Host.GetActiveSilos()];

    /// <summary>Starts a cluster of its own for one test.</summary>
    internal static async Task<GrainCluster> StartAsync(GrainClusterSettings settings)
    {
        var cluster = new GrainCluster(settings);
        try
        {
            await cluster.InitializeAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls grains from inside <paramref name="silo"/>, as another grain of that silo would.</summary>
    public static IGrainFactory GrainsOf(InProcessSiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ServiceProvider.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The silo holding the activation of <paramref name="grain"/>.</summary>
    public InProcessSiloHandle SiloOf(IAddressable grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        Assert.True(Host.TryGetGrainContext(grain.GetGrainId(), out var context), $"{grain.GetGrainId()} is not active");
        return Assert.Single(Silos, s => s.SiloAddress.Equals(context.Address.SiloAddress));
    }

    /// <summary>Whether every silo alive has learnt that <paramref name="silo"/> is dead.</summary>
    public bool IsDeadToEverySilo(InProcessSiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Silos.All(s => s.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot
            .GetSiloStatus(silo.SiloAddress) == SiloStatus.Dead);
    }

    /// <summary>
    /// Checks <paramref name="condition"/> and advances fake time by <paramref name="step"/> until it holds, within a bound of
    /// real time. Small steps: reminders are loaded from their table ahead of their ticks, a window at a time.
    /// </summary>
    public Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan step, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var time = Time;
        return Wait.UntilAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }

            time.Advance(step);
            return false;
        }, description, timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The storage registered below wins over the provider named here, which then only keeps the reminders.
            ["Storage:Provider"] = _settings.DurableReminders ? StorageOptions.Sqlite : StorageOptions.Memory,
            ["Storage:Path"] = _folder,
        }).Build();
        var builder = new InProcessTestClusterBuilder(_settings.Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IGrainStorage>(Storage);
            silo.Services.AddSingleton<ILoginRecordStore>(LoginStore); // one log for every silo, as one database would be
            silo.Services.AddSingleton<LoginKeyRing>();
            silo.Services.AddOptions<LoginOptions>();
            silo.AddActorsGrainStorage(configuration);
            silo.UseActorsReminders(configuration);
            if (_time is { } time)
            {
                // Grains, their timers and reminders on the test's clock; the cluster's own machinery on real time.
                silo.Services.AddSingleton<TimeProvider>(time);
                silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
                silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
            }

            _settings.Services?.Invoke(silo.Services);
        });
        _host = builder.Build();
        await _host.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAllSilosAsync();
            await _host.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
