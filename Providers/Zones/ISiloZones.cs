namespace Actors.Providers.Zones;

/// <summary>The zone (failure domain) of each silo of the cluster, as this silo knows it.</summary>
public interface ISiloZones
{
    /// <summary>
    /// The zone of <paramref name="silo"/>, or null while it is not known: the silo's metadata has not been fetched yet, the
    /// silo left the cluster, or it runs without zones.
    /// </summary>
    string? ZoneOf(SiloAddress silo);
}
