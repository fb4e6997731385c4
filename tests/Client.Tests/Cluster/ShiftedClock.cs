namespace Actors.Client.Tests.Cluster;

/// <summary>
/// The system clock set ahead by a fixed amount, for a command's view of "now"; its timers and timeouts run in real time.
/// Call deadlines it stamps lie further ahead, which a silo on the system clock accepts.
/// </summary>
public sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
