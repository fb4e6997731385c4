using Orleans.Runtime.Placement;

namespace Actors.Providers.Tests.Zones;

/// <summary>A placement context whose compatible silos are whatever the test says.</summary>
internal sealed class FakePlacementContext(Func<IReadOnlyList<SiloAddress>> silos) : IPlacementContext
{
    public SiloAddress LocalSilo => silos()[0];

    public SiloStatus LocalSiloStatus => SiloStatus.Active;

    public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => [.. silos()];

    public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
        new Dictionary<ushort, SiloAddress[]> { [0] = GetCompatibleSilos(target) };
}
