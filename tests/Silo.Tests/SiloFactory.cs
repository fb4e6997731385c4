using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>The real silo host in memory, on in-memory storage wrapped for fault injection.</summary>
public sealed class SiloFactory(FaultInjectingGrainStorage? storage = null) : WebApplicationFactory<Program>
{
    public FaultInjectingGrainStorage Storage { get; } = storage ?? new(new MemoryGrainStorage());

    /// <summary>Host settings; rate limits are off unless a test turns them on.</summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Storage:Provider"] = "memory",
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

        builder.ConfigureTestServices(services => services.AddSingleton<IGrainStorage>(Storage));
        Configure?.Invoke(builder);
    }
}
