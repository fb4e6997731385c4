using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Actors.Providers.Zones;

/// <summary>Zones read from Orleans's silo metadata cache, which fetches every silo's metadata as it joins.</summary>
internal sealed class SiloMetadataZones(ISiloMetadataCache metadata) : ISiloZones
{
    public string? ZoneOf(SiloAddress silo) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(ZoneMetadata.Key, out var zone) && !string.IsNullOrEmpty(zone) ? zone : null;
}
