using System.Net;
using Microsoft.Extensions.Configuration;

namespace Actors.Benchmarks.Hosting;

/// <summary>How a <see cref="BenchSilo"/> is started.</summary>
internal sealed class BenchSiloOptions
{
    /// <summary>Configuration keys the silo reads (Storage:*, Wallets:*), added over an empty configuration.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>The first silo of the cluster (development clustering); null when this silo is the first.</summary>
    public IPEndPoint? Primary { get; init; }

    /// <summary>The silo-to-silo port; a free one when zero.</summary>
    public int SiloPort { get; init; }

    /// <summary>Extra silo configuration: storage, options, grain classes left out.</summary>
    public Action<ISiloBuilder, IConfiguration>? Configure { get; init; }

    /// <summary>The grains' clock; the system clock when null. Orleans's own areas stay on the system clock.</summary>
    public TimeProvider? Time { get; init; }
}
