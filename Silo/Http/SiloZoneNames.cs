using System.Collections.Concurrent;
using Actors.Providers.Zones;
using Actors.Silo.Cluster;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Http;

/// <summary>
/// The zone of each silo for the cluster view: this silo's from <c>Silo:Zone</c>, the others' from their silo metadata
/// (<see cref="ISiloZones"/>), remembered once seen, because Orleans forgets a silo's metadata when it dies and a dead row
/// should still say where it was.
/// </summary>
internal sealed class SiloZoneNames(IOptions<SiloClusterOptions> options, ILocalSiloDetails local, IServiceProvider services)
{
    private readonly ConcurrentDictionary<SiloAddress, string> _seen = new();

    /// <summary>The zone of <paramref name="silo"/>, or null when it was never known here.</summary>
    public string? Of(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Equals(local.SiloAddress))
        {
            return options.Value.Zone;
        }

        if (services.GetService<ISiloZones>()?.ZoneOf(silo) is { } zone)
        {
            _seen[silo] = zone;
            return zone;
        }

        return _seen.TryGetValue(silo, out var remembered) ? remembered : null;
    }
}
