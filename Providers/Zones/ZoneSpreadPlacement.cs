namespace Actors.Providers.Zones;

/// <summary>
/// Places a new activation so that grains spread evenly over the cluster's zones, then evenly over the silos of a zone:
/// deterministic rendezvous hashing over the live zones, then over the chosen zone's silos. When every silo of a zone is gone,
/// that zone's grains move to the remaining zones, spread evenly again; when one silo goes, its grains stay in its zone.
/// <see cref="ZonePlacementExtensions.UseZonePlacement"/> makes it the default placement.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
[Alias("actors.zone-spread-placement")]
public sealed class ZoneSpreadPlacement : PlacementStrategy
{
}
