namespace Actors.Cluster.Tests;

/// <summary>Where the cluster holds each counter's activation, as the management grain reports it.</summary>
internal static class Placement
{
    /// <summary>The silo of every counter of <paramref name="counters"/>, by index; each must have exactly one activation.</summary>
    public static async Task<Dictionary<int, SiloAddress>> OfCountersAsync(ClusterTestClient connection, Counters counters)
    {
        var wanted = Enumerable.Range(0, counters.Count).ToDictionary(i => counters.Grain(i).GetGrainId(), i => i);
        var statistics = await connection.Management.GetDetailedGrainStatistics();
        var placed = new Dictionary<int, SiloAddress>();
        foreach (var activation in statistics)
        {
            if (wanted.TryGetValue(activation.GrainId, out var index))
            {
                Assert.True(placed.TryAdd(index, activation.SiloAddress), $"{counters.Key(index)} has two activations");
            }
        }

        Assert.Equal(counters.Count, placed.Count);
        return placed;
    }
}
