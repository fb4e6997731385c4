namespace Actors.Providers.Zones;

/// <summary>How a silo's zone travels: one entry of Orleans silo metadata.</summary>
public static class ZoneMetadata
{
    /// <summary>The silo metadata key whose value is the silo's zone (failure domain) label.</summary>
    public const string Key = "zone";
}
