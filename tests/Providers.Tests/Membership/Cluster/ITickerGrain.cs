namespace Actors.Providers.Tests.Membership.Cluster;

/// <summary>A test grain with one reminder, whose ticks it counts in the silo's <see cref="TickLog"/>.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder <c>tick</c>, due after one period.</summary>
    Task StartTicking(TimeSpan period);
}
