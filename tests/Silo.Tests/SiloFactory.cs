using Actors.Providers.Storage;
using Actors.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Silo.Tests;

/// <summary>
/// The real silo host in memory: one Orleans silo of its own (localhost clustering on free ports) on in-memory storage wrapped
/// for fault injection. Two factories given the same storage are two silos reading and writing one database.
/// </summary>
public sealed class SiloFactory(FaultInjectingGrainStorage? storage = null) : WebApplicationFactory<Program>
{
    public FaultInjectingGrainStorage Storage { get; } = storage ?? new(new InMemoryGrainStorage());

    /// <summary>Host settings; rate limits are off unless a test turns them on.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Storage:Provider"] = "memory",
        ["Silo:Port"] = FreePorts.Next(),
        ["Silo:GatewayPort"] = FreePorts.Next(),
        ["Gateway:RateLimit:SignInPerMinute"] = "0",
        ["Gateway:RateLimit:WritesPerSecond"] = "0",
    };

    /// <summary>More host configuration, applied after the settings and storage.</summary>
    public Action<IWebHostBuilder>? Configure { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // The test services come after the host's own: this registration is the default storage that grains' persistent state
        // and the readiness check resolve (the host's own stays registered by the name "Default", unused).
        builder.ConfigureTestServices(services => services.AddSingleton<IGrainStorage>(Storage));
        Configure?.Invoke(builder);
    }
}
