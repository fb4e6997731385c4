using System.Collections.Concurrent;

namespace Actors.Providers.Tests.Membership.Cluster;

/// <summary>The reminder ticks grains received, shared by the silos of one test.</summary>
public sealed class TickLog
{
    private readonly ConcurrentDictionary<(string Grain, string Reminder), int> _ticks = new();

    public void Record(string grain, string reminder) => _ticks.AddOrUpdate((grain, reminder), 1, (_, n) => n + 1);

    public int Count(string grain, string reminder) => _ticks.GetValueOrDefault((grain, reminder));
}
