using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;

namespace Actors.Silo.Activations;

/// <summary>
/// Counts this silo's activations of the application's grains (wallets, pools, tokens, ...), leaving out Orleans's own grains
/// and system targets, so that a silo nobody has called yet reports 0. Each activation is counted from the first stage of its
/// lifecycle until it stops.
/// </summary>
internal sealed class ApplicationActivations : IConfigureGrainContextProvider, IConfigureGrainContext
{
    private int _count;

    /// <summary>The activations alive now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool TryGetConfigurator(
        GrainType grainType, GrainProperties properties, [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var application = properties.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var typeName)
            && !typeName.StartsWith("Orleans", StringComparison.Ordinal);
        configurator = application ? this : null;
        return application;
    }

    /// <inheritdoc />
    public void Configure(IGrainContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ObservableLifecycle.Subscribe(nameof(ApplicationActivations), GrainLifecycleStage.First, new Activation(this));
    }

    // One activation: counted once when its lifecycle starts, uncounted once when it stops, however often either is called.
    private sealed class Activation(ApplicationActivations owner) : ILifecycleObserver
    {
        private int _counted;

        public Task OnStart(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _counted, 1) == 0)
            {
                Interlocked.Increment(ref owner._count);
            }

            return Task.CompletedTask;
        }

        public Task OnStop(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _counted, 0) == 1)
            {
                Interlocked.Decrement(ref owner._count);
            }

            return Task.CompletedTask;
        }
    }
}
