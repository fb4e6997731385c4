using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Scheduling;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task A_timer_ticks_once_per_period_until_disposed()
    {
        var time = new FakeTimeProvider();
        var (silo, _) = await ProbeSilo.StartAsync(time);
        await using var __ = silo;
        var ticker = silo.GrainFactory.GetGrain<ITickerGrain>("t");
        await ticker.Start(TimeSpan.FromSeconds(10));

        for (var expected = 1; expected <= 3; expected++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            var target = expected;
            await Wait.UntilAsync(async () => await ticker.Ticks() == target, $"tick {target}");
        }

        await ticker.Stop();
        time.Advance(TimeSpan.FromSeconds(30));
        await ticker.Start(TimeSpan.FromHours(1));
        Assert.Equal(3, await ticker.Ticks());
    }

    [Fact]
    public async Task Timers_end_with_their_activation()
    {
        var time = new FakeTimeProvider();
        var (silo, _) = await ProbeSilo.StartAsync(time);
        await using var __ = silo;
        var ticker = silo.GrainFactory.GetGrain<ITickerGrain>("gone");
        await ticker.Start(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(async () => await ticker.Ticks() == 1, "the first tick");

        await ticker.Leave();
        await Wait.UntilAsync(() => silo.Silo.ActivationCount == 0, "the ticker to deactivate");
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(0, await ticker.Ticks());
    }
}
