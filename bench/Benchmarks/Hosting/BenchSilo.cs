using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Benchmarks.Hosting;

/// <summary>
/// An Orleans silo in this process on the generic host (<c>Host.CreateApplicationBuilder().UseOrleans</c>), with localhost
/// development clustering: the first silo holds the membership table, others join it through <see cref="BenchSiloOptions.Primary"/>.
/// Only warnings are logged, to standard error, so that standard output carries the figures.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const string ClusterId = "bench";

    private readonly IHost _host;

    private BenchSilo(IHost host, IPEndPoint endpoint)
    {
        _host = host;
        Endpoint = endpoint;
    }

    /// <summary>The silo-to-silo endpoint, for others to join.</summary>
    public IPEndPoint Endpoint { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync(BenchSiloOptions? options = null)
    {
        options ??= new BenchSiloOptions();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (options.Time is { } time)
        {
            // The grains' clock (the unkeyed TimeProvider); Orleans's own areas resolve keyed clocks, kept on real time so
            // that moving the grains' clock on does not fire the runtime's timers, collector or timeouts early.
            builder.Services.AddSingleton(time);
            builder.Services.AddKeyedSingleton(KeyedService.AnyKey, TimeProvider.System);
        }

        var siloPort = options.SiloPort == 0 ? FreePorts.Next() : options.SiloPort;
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, FreePorts.Next(), options.Primary, ClusterId, ClusterId);
            options.Configure?.Invoke(silo, builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        return new BenchSilo(host, new IPEndPoint(IPAddress.Loopback, siloPort));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stopping.Token).ConfigureAwait(false);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }
}
