using Actors.Runtime.Membership;
using Actors.Runtime.Reminders.Sqlite;
using Actors.Runtime.Testing;
using Actors.Runtime.Tests.Storage;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>Reminders through restarts, crashes and failures, on one silo at a time driven by fake time.</summary>
public sealed class ReminderRecoveryTests(TempFolderFixture folder) : IClassFixture<TempFolderFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_silo_on_SQLite_keeps_its_reminders_in_the_database_file_across_a_restart()
    {
        var rig = new ReminderSilo();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite", ["Storage:Path"] = Path.Combine(folder.Path, "restart") };
        Task<TestSilo> StartAsync() => TestSilo.StartAsync(rig.Storage, rig.Time, settings, services => services.AddSingleton(rig.Board));
        await using (var first = await StartAsync())
        {
            Assert.IsType<SqliteReminderTable>(first.Runtime().Reminders.Table);
            await first.GrainFactory.GetGrain<IAlarmGrain>("a").Register("r", Minute, Minute);
            rig.Time.Advance(Minute);
            await rig.WaitForSequencesAsync("a", "r", 0);
        } // a graceful stop waits for the tick in flight to be recorded: the next silo must not deliver it again

        rig.Time.Advance(2 * Minute);
        await using var second = await StartAsync();

        await rig.WaitForSequencesAsync("a", "r", 0, 1, 2);
        var key = new Actors.Runtime.Reminders.ReminderKey(GrainId.Create("alarm", "a"), "r");
        await Wait.UntilAsync(async () => (await second.Runtime().Reminders.Table.ReadAsync(key, CancellationToken.None))?.LastTick == 2, "tick 2 to be recorded in the file");
    }

    [Fact]
    public async Task After_a_restart_on_the_same_storage_a_reminder_goes_on_from_its_last_tick_and_delivers_each_missed_tick_once()
    {
        var rig = new ReminderSilo();
        var start = rig.Time.GetUtcNow();
        await using (var first = await rig.StartAsync())
        {
            await first.GrainFactory.GetGrain<IAlarmGrain>("a").Register("r", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
            rig.Time.Advance(TimeSpan.FromSeconds(10));
            await rig.WaitForLastTickAsync("a", "r", 0);
            rig.Time.Advance(TimeSpan.FromSeconds(10));
            await rig.WaitForLastTickAsync("a", "r", 1);
        }

        // Ticks 2, 3 and 4 fall due while no silo runs.
        rig.Time.Advance(TimeSpan.FromSeconds(35));
        await using var second = await rig.StartAsync();

        await rig.WaitForSequencesAsync("a", "r", 0, 1, 2, 3, 4);
        await rig.WaitForLastTickAsync("a", "r", 4);
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        await rig.WaitForSequencesAsync("a", "r", 0, 1, 2, 3, 4, 5);
        var ticks = rig.Board.Ticks("a", "r");
        for (var i = 0; i < ticks.Count; i++)
        {
            Assert.Equal(start + TimeSpan.FromSeconds(10 * (i + 1)), ticks[i].ScheduledTime);
            Assert.True(ticks[i].CurrentTime >= ticks[i].ScheduledTime, $"tick {i} was delivered before it was due");
        }

        Assert.Equal(start + TimeSpan.FromSeconds(55), ticks[4].CurrentTime); // missed ticks are delivered on takeover
    }

    [Fact]
    public async Task A_silo_that_dies_after_the_grain_handled_a_tick_but_before_recording_it_leaves_the_tick_to_be_delivered_again()
    {
        var rig = new ReminderSilo();
        var first = await rig.StartAsync();
        await first.GrainFactory.GetGrain<ITickLedgerGrain>("l").Start(Minute);
        rig.Time.Advance(Minute);
        await rig.WaitForLastTickAsync("l", TickLedgerGrain.ReminderName, 0, "tick-ledger");

        // Tick 1 reaches the grain (which commits it), but the table cannot record it before the silo crashes.
        rig.Table.Unreachable = true;
        rig.Time.Advance(Minute);
        await Wait.UntilAsync(() => first.Runtime().Reminders.FailedAttempts > 0, "the tick's table write to fail");
        await first.CrashAsync();
        rig.Table.Unreachable = false;
        await using var second = await rig.StartAsync();

        await rig.WaitForSequencesAsync("l", TickLedgerGrain.ReminderName, 0, 1, 1);
        await rig.WaitForLastTickAsync("l", TickLedgerGrain.ReminderName, 1, "tick-ledger");
        var ledger = second.GrainFactory.GetGrain<ITickLedgerGrain>("l");
        Assert.Equal(new long[] { 0, 1 }, await ledger.Committed());
        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("l", TickLedgerGrain.ReminderName, 0, 1, 1, 2);
        await Wait.UntilAsync(async () => (await ledger.Committed()).Length == 3, "tick 2 to be committed");
        Assert.Equal(new long[] { 0, 1, 2 }, await ledger.Committed());
    }

    [Fact]
    public async Task A_failed_table_write_after_a_delivery_is_retried_without_delivering_the_tick_again()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        await silo.GrainFactory.GetGrain<IAlarmGrain>("a").Register("r", Minute, Minute);

        rig.Table.Unreachable = true;
        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("a", "r", 0);
        await Wait.UntilAsync(() => silo.Runtime().Reminders.FailedAttempts == 1, "the tick's table write to fail");
        rig.Table.Unreachable = false;
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        await rig.WaitForLastTickAsync("a", "r", 0);
        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("a", "r", 0, 1);
        await rig.WaitForLastTickAsync("a", "r", 1);
    }

    [Fact]
    public async Task A_grain_that_throws_gets_the_same_tick_again_after_growing_delays_until_it_succeeds()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var due = rig.Time.GetUtcNow() + Minute;
        await silo.GrainFactory.GetGrain<IAlarmGrain>("a").Register("r", Minute, Minute);
        rig.Board.FailNext("r", 2);

        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("a", "r", 0);
        await Wait.UntilAsync(() => silo.Runtime().Reminders.FailedAttempts == 1, "the first attempt to fail");
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.WaitForSequencesAsync("a", "r", 0, 0);
        await Wait.UntilAsync(() => silo.Runtime().Reminders.FailedAttempts == 2, "the second attempt to fail");
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        await rig.WaitForSequencesAsync("a", "r", 0, 0, 0);
        await rig.WaitForLastTickAsync("a", "r", 0);
        Assert.Equal([due, due + TimeSpan.FromSeconds(1), due + TimeSpan.FromSeconds(3)], rig.Board.Ticks("a", "r").Select(t => t.CurrentTime));
        Assert.All(rig.Board.Ticks("a", "r"), t => Assert.Equal(due, t.ScheduledTime));
        rig.Time.Advance(Minute);
        await rig.WaitForSequencesAsync("a", "r", 0, 0, 0, 1);
        Assert.Equal(2, silo.Runtime().Reminders.FailedAttempts);
    }

    [Fact]
    public async Task A_fenced_silo_fires_nothing_and_delivers_the_due_tick_once_it_serves_again()
    {
        var rig = new ReminderSilo();
        var membership = new MemoryMembershipTable(rig.Time);
        await using var silo = await TestSilo.StartAsync(rig.Storage, rig.Time, configureServices: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, rig.Board),
            membership: membership, reminders: rig.Table);
        var due = rig.Time.GetUtcNow() + Minute;
        await silo.GrainFactory.GetGrain<IAlarmGrain>("a").Register("r", Minute, Minute);

        // The lease runs on the wall clock: heartbeats fail (each advance of the test clock runs one) until the silo fences itself.
        membership.Unreachable = true;
        await Wait.UntilAsync(() =>
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(10));
            return silo.Runtime().IsFenced;
        }, "the silo to fence itself", TimeSpan.FromSeconds(30));
        var fencedAt = rig.Time.GetUtcNow();
        Assert.True(fencedAt < due, "the test clock ran past the tick before the silo fenced");
        rig.Time.Advance(2 * Minute);

        membership.Unreachable = false;
        await Wait.UntilAsync(() =>
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(100));
            return rig.Board.Sequences("a", "r").Count >= 2;
        }, "the ticks to be delivered once the silo serves again");

        Assert.Equal([0L, 1L], rig.Board.Sequences("a", "r").Take(2));
        Assert.True(rig.Board.Ticks("a", "r")[0].CurrentTime > fencedAt + 2 * Minute, "tick 0 was delivered while the silo was fenced");
        Assert.Equal(0, silo.Runtime().Reminders.FailedAttempts);
    }
}
