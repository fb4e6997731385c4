using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Actors.Grains.Tests;

/// <summary>How a <see cref="GrainCluster"/> is built.</summary>
internal sealed record GrainClusterSettings
{
    /// <summary>Silos started; the in-process client reaches them all.</summary>
    public short Silos { get; init; } = 1;

    /// <summary>
    /// Whether grains, their timers and reminders run on a <c>FakeTimeProvider</c> the test advances; membership, messaging
    /// and the silos' other background loops stay on real time either way.
    /// </summary>
    public bool FakeTime { get; init; } = true;

    /// <summary>
    /// Whether reminders are kept in a SQLite file shared by the silos, as a database would keep them, rather than in Orleans's
    /// in-memory reminder table, which is a grain and is lost with the silo that holds it.
    /// </summary>
    public bool DurableReminders { get; init; }

    /// <summary>The storage under the fault injector; the providers' in-memory storage when null.</summary>
    public IGrainStorage? Storage { get; init; }

    /// <summary>The silos' own services (grain options, messaging timeouts).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}
