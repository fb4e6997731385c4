using Orleans.Runtime.Placement;

namespace Actors.Providers.Zones;

/// <summary>Chooses the silo of a new activation by <see cref="ZoneRendezvous"/> among the compatible silos.</summary>
internal sealed class ZoneSpreadPlacementDirector(ISiloZones zones) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target);

        // A caller that names a compatible silo (Orleans's placement hint) knows better, as with Orleans's own directors.
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }

        if (silos.Length == 0)
        {
            throw new SiloUnavailableException($"Cannot place grain {target.GrainIdentity}: no compatible silo is active.");
        }

        return Task.FromResult(ZoneRendezvous.Choose(target.GrainIdentity, silos, zones));
    }
}
