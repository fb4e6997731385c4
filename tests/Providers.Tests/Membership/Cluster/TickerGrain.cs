namespace Actors.Providers.Tests.Membership.Cluster;

[GrainType("tables-ticker")]
internal sealed class TickerGrain(TickLog log) : Grain, ITickerGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task StartTicking(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Record(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
