using Orleans.Dashboard;

namespace Actors.Silo.Dashboard;

/// <summary>
/// While the dashboard's collection is stopped (<see cref="DashboardCollection"/>), answers the package's per-silo service's
/// one-second request for this silo's runtime statistics with no sample, so an unwatched silo does not gather them. The
/// service records a missing sample as it does before its first one; the first viewer restarts the collection and the
/// samples with it. Every other call passes untouched.
/// </summary>
internal sealed class DashboardIdleSampling(DashboardCollection collection) : IOutgoingGrainCallFilter
{
    private static readonly System.Reflection.Assembly Package = typeof(DashboardOptions).Assembly;

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!collection.IsCollecting && IsPackageSampling(context))
        {
            context.Result = Array.Empty<SiloRuntimeStatistics>();
            return Task.CompletedTask;
        }

        return context.Invoke();
    }

    // Every grain call of the silo passes here while unwatched: the method's name, a constant of the call, is asked first.
    private static bool IsPackageSampling(IOutgoingGrainCallContext context) =>
        context.MethodName == nameof(IManagementGrain.GetRuntimeStatistics)
        && context.InterfaceMethod.DeclaringType == typeof(IManagementGrain)
        && context.SourceContext?.GrainInstance?.GetType().Assembly == Package;
}
