using System.Globalization;

namespace Actors.Benchmarks.Failover;

/// <summary>One failover run: the slowest and the median grain to answer after the kill, and the same calls before it.</summary>
internal sealed record FailoverResult(
    string Name, TimeSpan AllAnswered, TimeSpan MedianAnswered, TimeSpan CallsBeforeKill, int Grains)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: all {Grains:N0} grains answering {AllAnswered.TotalMilliseconds,7:N0} ms after SIGKILL " +
        $"(median grain {MedianAnswered.TotalMilliseconds,6:N0} ms; the same calls before the kill: {CallsBeforeKill.TotalMilliseconds,4:N0} ms)");
}
