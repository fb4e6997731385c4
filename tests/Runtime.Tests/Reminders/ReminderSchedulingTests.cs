using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>Reminders on one silo driven by fake time: when ticks come, what they say, and when they stop.</summary>
public sealed class ReminderSchedulingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_periodic_reminder_ticks_at_its_due_time_then_once_per_period_with_consecutive_sequences()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var start = rig.Time.GetUtcNow();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");

        var registered = await alarm.Register("r", TimeSpan.FromSeconds(10), Minute);
        rig.Time.Advance(TimeSpan.FromSeconds(9));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.WaitForSequencesAsync("a", "r", 0);
        for (var tick = 1; tick <= 3; tick++)
        {
            await rig.WaitForLastTickAsync("a", "r", tick - 1);
            rig.Time.Advance(Minute);
            await rig.WaitForSequencesAsync("a", "r", [.. Enumerable.Range(0, tick + 1).Select(i => (long)i)]);
        }

        Assert.Equal(new GrainReminder("r", start + TimeSpan.FromSeconds(10), Minute), registered);
        var ticks = rig.Board.Ticks("a", "r");
        for (var i = 0; i < ticks.Count; i++)
        {
            var scheduled = start + TimeSpan.FromSeconds(10) + (i * Minute);
            Assert.Equal(new TickStatus(i, start + TimeSpan.FromSeconds(10), Minute, scheduled, scheduled), ticks[i]);
        }
    }

    [Fact]
    public async Task A_one_shot_reminder_ticks_once_and_is_then_removed()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        await alarm.Register("once", TimeSpan.FromSeconds(5), TimeSpan.Zero);

        rig.Time.Advance(TimeSpan.FromSeconds(5));

        await rig.WaitForSequencesAsync("a", "once", 0);
        await Wait.UntilAsync(async () => await rig.RowAsync("a", "once") is null, "the one-shot row to be deleted");
        await Wait.UntilAsync(() => silo.Runtime().Reminders.Count == 0, "the silo to drop the one-shot");
        Assert.Null(await alarm.Get("once"));
        rig.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal([0L], rig.Board.Sequences("a", "once"));
        Assert.Equal(TimeSpan.Zero, rig.Board.Ticks("a", "once")[0].Period);
    }

    [Fact]
    public async Task Unregistering_stops_the_ticks()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        await alarm.Register("r", TimeSpan.Zero, Minute);
        await alarm.Register("other", Minute, Minute);
        await rig.WaitForSequencesAsync("a", "r", 0);
        await rig.WaitForLastTickAsync("a", "r", 0);

        await alarm.Unregister("r");
        await alarm.Unregister("never-registered");

        Assert.Null(await rig.RowAsync("a", "r"));
        Assert.Equal(["other"], (await alarm.GetAll()).Select(r => r.Name));
        Assert.Equal(1, silo.Runtime().Reminders.Count);
        rig.Time.Advance(3 * Minute);
        await rig.WaitForSequencesAsync("a", "other", 0, 1, 2);
        Assert.Equal([0L], rig.Board.Sequences("a", "r"));
    }

    [Fact]
    public async Task A_reminder_outlives_its_activation_and_activates_the_grain_again()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("sleepy");
        await alarm.Register("r", Minute, Minute);

        await alarm.Leave();
        await Wait.UntilAsync(() => silo.Silo.ActivationCount == 0, "the grain to deactivate");
        rig.Time.Advance(Minute);

        await rig.WaitForSequencesAsync("sleepy", "r", 0);
        Assert.Equal(["sleepy", "sleepy"], rig.Board.Activations);
        Assert.Equal(1, silo.Silo.ActivationCount);
    }

    [Fact]
    public async Task Registering_again_replaces_the_schedule_and_starts_its_sequence_over()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        await alarm.Register("r", TimeSpan.Zero, Minute);
        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("a", "r", 0, 1);
        await rig.WaitForLastTickAsync("a", "r", 1);

        var replaced = await alarm.Register("r", 10 * Minute, 2 * Minute);
        rig.Time.Advance(10 * Minute);

        await rig.WaitForSequencesAsync("a", "r", 0, 1, 0);
        Assert.Equal(replaced, await alarm.Get("r"));
        Assert.Equal(rig.Time.GetUtcNow(), replaced.FirstTickTime);
        Assert.Equal(new TickStatus(0, replaced.FirstTickTime, 2 * Minute, replaced.FirstTickTime, replaced.FirstTickTime), rig.Board.Ticks("a", "r")[^1]);
    }

    [Fact]
    public async Task An_absolute_due_time_fires_then_and_a_periodic_reminder_due_in_the_past_starts_now()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        var at = rig.Time.GetUtcNow() + TimeSpan.FromHours(2);

        var oneShot = await alarm.RegisterAt("deadline", at, TimeSpan.Zero);
        var catchUp = await alarm.RegisterAt("late", rig.Time.GetUtcNow() - TimeSpan.FromDays(1), Minute);
        await rig.WaitForSequencesAsync("a", "late", 0);
        rig.Time.Advance(TimeSpan.FromHours(2));

        await rig.WaitForSequencesAsync("a", "deadline", 0);
        Assert.Equal(at, oneShot.FirstTickTime);
        Assert.Equal(at, rig.Board.Ticks("a", "deadline")[0].ScheduledTime);
        Assert.Equal(at - TimeSpan.FromHours(2), catchUp.FirstTickTime);
        await rig.WaitForSequencesAsync("a", "late", [.. Enumerable.Range(0, 121).Select(i => (long)i)]);
    }

    [Fact]
    public async Task A_grain_rescheduling_its_one_shot_reminder_from_its_tick_keeps_the_new_one()
    {
        var rig = new ReminderSilo();
        rig.Board.RescheduleOnTick["again"] = TimeSpan.FromSeconds(10);
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        await alarm.Register("again", TimeSpan.FromSeconds(10), TimeSpan.Zero);

        for (var round = 1; round <= 3; round++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(10));
            await Wait.UntilAsync(() => rig.Board.Ticks("a", "again").Count == round, $"tick {round} of the rescheduled reminder");
            // The tick's own write must not remove (or advance) the reminder that the grain registered during the tick.
            await Wait.UntilAsync(async () => (await rig.RowAsync("a", "again"))?.FirstTickAt == (rig.Time.GetUtcNow() + TimeSpan.FromSeconds(10)).ToUnixTimeMilliseconds(),
                $"the reminder registered by tick {round}");
            await Wait.UntilAsync(() => silo.Runtime().Reminders.Count == 1, "the silo to run the new reminder");
        }

        var ticks = rig.Board.Ticks("a", "again");
        Assert.All(ticks, t => Assert.Equal(0, t.Sequence));
        Assert.Equal(3, ticks.Select(t => t.FirstTickTime).Distinct().Count());
    }
}
