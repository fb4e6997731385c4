using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Actors.Providers.Zones;

/// <summary>Zones on an Orleans silo: the zone as silo metadata, and zone-spreading placement as the default.</summary>
public static class ZonePlacementExtensions
{
    /// <summary>
    /// Publishes <paramref name="zone"/> as this silo's <see cref="ZoneMetadata.Key"/> silo metadata, registers
    /// <see cref="ISiloZones"/>, and makes <see cref="ZoneSpreadPlacement"/> the default placement of every grain type that does
    /// not name its own. Orleans's silo-metadata placement filters (for example
    /// <c>[PreferredMatchSiloMetadataPlacementFilter(["zone"])]</c> on a grain class, to keep it in its caller's zone) compose
    /// with it: the spread then runs over the silos the filter keeps.
    /// </summary>
    public static ISiloBuilder UseZonePlacement(this ISiloBuilder builder, string zone)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        builder.UseSiloMetadata(new Dictionary<string, string> { [ZoneMetadata.Key] = zone });
        builder.Services.TryAddSingleton<ISiloZones, SiloMetadataZones>();
        builder.Services.AddPlacementDirector<ZoneSpreadPlacement, ZoneSpreadPlacementDirector>();

        // Orleans resolves the default placement as the last registered PlacementStrategy.
        builder.Services.AddSingleton<PlacementStrategy, ZoneSpreadPlacement>();
        return builder;
    }
}
