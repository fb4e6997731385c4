namespace Actors.Silo.Activations;

/// <summary>The per-silo service that answers <see cref="IActivationCountService"/> from <see cref="ApplicationActivations"/>.</summary>
internal sealed class ActivationCountService(
    GrainId id, Orleans.Runtime.Silo silo, ILoggerFactory loggerFactory, ApplicationActivations activations)
    : GrainService(id, silo, loggerFactory), IActivationCountService
{
    public Task<int> GetCount() => Task.FromResult(activations.Count);
}
