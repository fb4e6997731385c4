namespace Actors.Benchmarks.Stakers;

/// <summary>The system clock, moved on by the benchmark: each claim happens a second after the one before.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long _offsetTicks;

    public void Step(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
