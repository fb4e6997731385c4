using Actors.Runtime.Testing;

namespace Actors.Runtime.Tests.Scheduling;

public sealed class FakeTimeProviderTests
{
    [Fact]
    public void Timers_fire_in_deadline_order_with_the_clock_at_their_deadline()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<(string, TimeSpan)>();
        using var slow = time.CreateTimer(_ => fired.Add(("slow", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var fast = time.CreateTimer(_ => fired.Add(("fast", time.GetUtcNow() - start)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([("fast", TimeSpan.FromSeconds(1)), ("fast", TimeSpan.FromSeconds(2)), ("slow", TimeSpan.FromSeconds(3)), ("fast", TimeSpan.FromSeconds(3))], fired);
    }

    [Fact]
    public void A_disposed_timer_stays_disposed()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        Assert.False(timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, fired);
    }

    [Fact]
    public void The_clock_never_goes_backwards_when_a_callback_advances_it()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        using var timer = time.CreateTimer(_ => time.Advance(TimeSpan.FromSeconds(5)), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(6), time.GetUtcNow() - start);
    }

    [Fact]
    public void Negative_due_times_are_refused()
    {
        var time = new FakeTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-5), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Wait_until_honours_its_bound_when_the_check_never_completes()
    {
        var never = new TaskCompletionSource<bool>();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Wait.UntilAsync(() => never.Task, "a check that hangs", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("a check that hangs", error.Message, StringComparison.Ordinal);
    }
}
