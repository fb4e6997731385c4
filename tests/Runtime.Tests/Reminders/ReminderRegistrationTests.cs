using Actors.Runtime.Testing;
using Actors.Runtime.Tests.TestGrains;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests.Reminders;

/// <summary>What a grain may register, and what it reads back.</summary>
public sealed class ReminderRegistrationTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_grain_reads_back_what_it_registered()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");
        var now = rig.Time.GetUtcNow();

        var daily = await alarm.Register("daily", Minute, TimeSpan.FromDays(1));
        var once = await alarm.RegisterAt("once", now + TimeSpan.FromDays(30), TimeSpan.Zero);

        Assert.Equal(new GrainReminder("daily", now + Minute, TimeSpan.FromDays(1)), daily);
        Assert.Equal(new GrainReminder("once", now + TimeSpan.FromDays(30), TimeSpan.Zero), once);
        Assert.True(once.IsOneShot);
        Assert.Equal(daily, await alarm.Get("daily"));
        Assert.Null(await alarm.Get("missing"));
        Assert.Equal([daily, once], await alarm.GetAll());
        Assert.Empty(await silo.GrainFactory.GetGrain<IAlarmGrain>("b").GetAll());
        Assert.Equal(2, silo.Runtime().Reminders.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("delete\u007f")]
    public async Task Bad_names_are_rejected_and_nothing_is_stored(string name)
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => alarm.Register(name, Minute, Minute));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => alarm.Get(name));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => alarm.Unregister(name));

        Assert.Empty(await alarm.GetAll());
    }

    [Fact]
    public async Task Names_are_bounded_to_256_utf8_bytes()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");

        await alarm.Register(new string('x', 256), Minute, Minute);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => alarm.Register(new string('x', 257), Minute, Minute));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => alarm.Register(new string('é', 129), Minute, Minute));

        Assert.Single(await alarm.GetAll());
    }

    [Theory]
    [InlineData(-1_000, 60_000)]
    [InlineData(0, -1_000)]
    [InlineData(0, 1)]
    [InlineData(0, 999)]
    public async Task Negative_due_times_and_periods_below_the_minimum_are_rejected(int dueMs, int periodMs)
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => alarm.Register("r", TimeSpan.FromMilliseconds(dueMs), TimeSpan.FromMilliseconds(periodMs)));

        Assert.Empty(await alarm.GetAll());
        if (dueMs >= 0 && periodMs > 0)
        {
            Assert.Contains("Silo:Reminders:MinimumPeriod", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_minimum_period_is_a_setting()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync(new Dictionary<string, string?> { ["Silo:Reminders:MinimumPeriod"] = "00:00:00.100" });
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("a");

        var fast = await alarm.Register("fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => alarm.Register("faster", TimeSpan.Zero, TimeSpan.FromMilliseconds(99)));

        Assert.Equal(TimeSpan.FromMilliseconds(100), fast.Period);
        rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        await rig.WaitForSequencesAsync("a", "fast", 0, 1, 2);
    }

    [Fact]
    public async Task A_grain_whose_interface_does_not_extend_IRemindable_cannot_register()
    {
        var rig = new ReminderSilo();
        await using var silo = await rig.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IForgetfulGrain>("f").Register());

        Assert.Contains(nameof(IRemindable), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IForgetfulGrain), error.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Table.ReadPageAsync(null, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("Silo:Reminders:MinimumPeriod", "00:00:00")]
    [InlineData("Silo:Reminders:RefreshPeriod", "00:00:00")]
    [InlineData("Silo:Reminders:MaxRetryDelay", "00:00:00.001")]
    [InlineData("Silo:Reminders:MaxConcurrentTicks", "0")]
    [InlineData("Silo:Reminders:PageSize", "0")]
    public async Task Bad_reminder_options_stop_the_silo_at_start_naming_the_key(string key, string value)
    {
        var rig = new ReminderSilo();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => rig.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key[..key.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
        Assert.Contains(key[(key.LastIndexOf(':') + 1)..], error.Message, StringComparison.Ordinal);
    }
}
