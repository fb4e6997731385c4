using Orleans.Runtime.Services;

namespace Actors.Silo.Activations;

/// <summary>Asks a silo, this one or another, how many application grain activations it holds.</summary>
internal sealed class ActivationCounts(IServiceProvider services)
    : GrainServiceClient<IActivationCountService>(services)
{
    /// <summary>The count <paramref name="silo"/> reports.</summary>
    public Task<int> OnAsync(SiloAddress silo) => GetGrainService(silo).GetCount();

    /// <summary>Registers the counting, its per-silo service and this client with a silo.</summary>
    public static void AddTo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ApplicationActivations>();
        silo.Services.AddSingleton<IConfigureGrainContextProvider>(sp => sp.GetRequiredService<ApplicationActivations>());
        silo.AddGrainService<ActivationCountService>();
        silo.Services.AddSingleton<ActivationCounts>();
    }
}
