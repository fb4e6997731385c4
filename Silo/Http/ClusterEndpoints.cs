using Actors.Silo.Activations;
using Actors.Silo.Gateway;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Silo.Http;

/// <summary><c>/api/cluster/...</c>: what the cluster looks like from this silo.</summary>
internal static class ClusterEndpoints
{
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(1);

    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cluster").WithTags("Cluster").WithCommonProblems();
        group.MapGet("/silos", ListSilosAsync)
            .WithName("GetSilos")
            .WithSummary("The silos of the cluster (membership table) with their zone, status and activation count.");
    }

    internal static async Task<SiloView[]> ListSilosAsync(
        IGrainFactory grains, ILocalSiloDetails local, ActivationCounts counts, SiloZoneNames zones, IOptions<ClusterOptions> cluster,
        IOptions<HttpOptions> http, TimeProvider time)
    {
        // The management grain refreshes the membership table before it answers, so a silo declared dead shows as Dead now.
        var members = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        return await Task.WhenAll(members.OrderBy(m => m.SiloAddress).Select(async member => SiloView.Of(
            member, cluster.Value.ClusterId, zones.Of(member.SiloAddress), await CountAsync(member, counts, time),
            http.Value.Port, isLocal: member.SiloAddress.Equals(local.SiloAddress))));
    }

    private static async Task<int> CountAsync(MembershipEntry member, ActivationCounts counts, TimeProvider time)
    {
        if (member.Status != SiloStatus.Active)
        {
            return 0;
        }

        try
        {
            return await counts.OnAsync(member.SiloAddress).WaitAsync(CountTimeout, time);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return 0; // Unreachable while the cluster notices: the row's status will follow.
        }
    }
}
