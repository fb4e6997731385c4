using System.Globalization;
using Actors.Runtime.Hosting;
using Actors.Runtime.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime.Testing;

/// <summary>
/// One silo in this process on its own Kestrel server (a free 127.0.0.1 silo port unless the settings name one), built as the
/// real Silo is, for tests and benchmarks.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _host;

    private TestSilo(WebApplication host) => _host = host;

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The silo's grain factory: calls made through it run in this silo.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's status and identity.</summary>
    public ILocalSilo Silo => Services.GetRequiredService<ILocalSilo>();

    internal SiloRuntime Runtime => Services.GetRequiredService<SiloRuntime>();

    /// <summary>Where cluster clients connect to this silo: <c>host:port</c> of its gateway.</summary>
    public string Gateway => $"{Runtime.Options.AdvertisedHost}:{Runtime.Options.GatewayPort}";

    /// <summary>Crashes the silo: it stops heartbeating and answering at once, deactivating nothing; then its host goes away.</summary>
    public async Task CrashAsync()
    {
        await Runtime.CrashAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Builds and starts a silo. Settings are configuration keys such as <c>Silo:CollectionAge</c>.</summary>
    public static async Task<TestSilo> StartAsync(
        IGrainStorage? storage = null,
        TimeProvider? timeProvider = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        Membership.IMembershipTable? membership = null,
        Reminders.IReminderTable? reminders = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "memory",
            ["Silo:ListenAddress"] = "127.0.0.1",
            ["Silo:Port"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(storage ?? new MemoryGrainStorage());
        if (membership is not null)
        {
            builder.Services.AddSingleton(membership);
        }
        if (reminders is not null)
        {
            builder.Services.AddSingleton(reminders);
        }

        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        configureServices?.Invoke(builder.Services);
        builder.Services.AddActorSilo(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new TestSilo(host);
    }

    /// <summary>Stops gracefully: every activation is deactivated and the group committer drained.</summary>
    public Task StopAsync() => _host.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }
}
