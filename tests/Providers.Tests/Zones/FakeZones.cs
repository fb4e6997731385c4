using System.Net;
using Actors.Providers.Zones;

namespace Actors.Providers.Tests.Zones;

/// <summary>A cluster view for placement tests: silos on 10.0.0.x with the zones the test gives them.</summary>
internal sealed class FakeZones : ISiloZones
{
    private readonly Dictionary<SiloAddress, string?> _zones = [];

    public IReadOnlyList<SiloAddress> Silos => [.. _zones.Keys];

    /// <summary>Adds <paramref name="count"/> silos in <paramref name="zone"/> (null: zone not known yet) and returns them.</summary>
    public IReadOnlyList<SiloAddress> Add(string? zone, int count)
    {
        var added = new List<SiloAddress>();
        for (var i = 0; i < count; i++)
        {
            var host = _zones.Count + 1;
            var silo = SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.0.{host}"), 11111), 1000 + host);
            _zones.Add(silo, zone);
            added.Add(silo);
        }

        return added;
    }

    public void Remove(IEnumerable<SiloAddress> silos)
    {
        foreach (var silo in silos)
        {
            _zones.Remove(silo);
        }
    }

    public string? ZoneOf(SiloAddress silo) => _zones.GetValueOrDefault(silo);
}
