namespace Actors.Client.Tests.Cluster;

/// <summary>
/// The system clock set ahead by a fixed amount, for a command's view of "now"; its timers and timeouts (the command's
/// deadline, the pauses between retries) run in real time.
/// </summary>
public sealed class ShiftedClock(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
