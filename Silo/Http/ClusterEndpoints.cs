using Actors.Runtime;

namespace Actors.Silo.Http;

/// <summary><c>/api/cluster/...</c>: what the cluster looks like from this silo.</summary>
internal static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cluster").WithTags("Cluster");
        group.MapGet("/silos", (ILocalSilo silo) => new[] { SiloView.Of(silo) })
            .WithName("GetSilos")
            .WithSummary("The silos of the cluster with their zone, status and activation count.");
    }
}

/// <summary>One silo as the REST API shows it.</summary>
/// <param name="Address">The silo-to-silo endpoint, <c>host:port</c>.</param>
/// <param name="Epoch">When this life of the silo started (Unix milliseconds); a restarted silo has a new epoch.</param>
/// <param name="ClusterId">The cluster the silo belongs to.</param>
/// <param name="Zone">The silo's zone label.</param>
/// <param name="Status">Joining, Active, ShuttingDown or Dead.</param>
/// <param name="ActivationCount">How many grain activations the silo holds.</param>
/// <param name="IsLocal">True for the silo that answered the request.</param>
internal sealed record SiloView(string Address, long Epoch, string ClusterId, string Zone, SiloStatus Status, int ActivationCount, bool IsLocal)
{
    public static SiloView Of(ILocalSilo silo) =>
        new(silo.Address.Endpoint, silo.Address.Epoch, silo.ClusterId, silo.Zone, silo.Status, silo.ActivationCount, IsLocal: true);
}
