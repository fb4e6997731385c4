using Orleans.Services;

namespace Actors.Silo.Activations;

/// <summary>One per silo: how many activations of the application's grains that silo holds.</summary>
public interface IActivationCountService : IGrainService
{
    /// <summary>The silo's activations of application grains now.</summary>
    Task<int> GetCount();
}
