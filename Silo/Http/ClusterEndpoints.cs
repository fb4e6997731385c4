using Actors.Runtime;
using Actors.Runtime.Membership;

namespace Actors.Silo.Http;

/// <summary><c>/api/cluster/...</c>: what the cluster looks like from this silo.</summary>
internal static class ClusterEndpoints
{
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(1);

    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cluster").WithTags("Cluster");
        group.MapGet("/silos", ListSilosAsync)
            .WithName("GetSilos")
            .WithSummary("The silos of the cluster (membership table) with their zone, status and activation count.");
    }

    private static async Task<SiloView[]> ListSilosAsync(ILocalSilo silo)
    {
        var members = silo.Cluster.Members.Count > 0 ? silo.Cluster.Members : [Self(silo)];
        return await Task.WhenAll(members.Select(async member =>
        {
            var count = member.Status == SiloStatus.Active || member.Silo == silo.Address
                ? await silo.GetActivationCountAsync(member.Silo, CountTimeout)
                : null;
            return SiloView.Of(member, silo.ClusterId, count, isLocal: member.Silo == silo.Address);
        }));
    }

    // Before the silo has read the table (or with no table at all) it still reports itself.
    private static MembershipEntry Self(ILocalSilo silo) => new(silo.Address, silo.Zone, silo.Status, 0, 0, 0, 0, []);
}

/// <summary>One silo as the REST API shows it.</summary>
/// <param name="Address">The silo-to-silo endpoint, <c>host:port</c>.</param>
/// <param name="Epoch">When this life of the silo started (Unix milliseconds); a restarted silo has a new epoch.</param>
/// <param name="ClusterId">The cluster the silo belongs to.</param>
/// <param name="Zone">The silo's zone label.</param>
/// <param name="Status">Joining, Active, ShuttingDown or Dead.</param>
/// <param name="ActivationCount">How many grain activations the silo holds; null when it did not answer.</param>
/// <param name="GatewayPort">The port cluster clients connect to.</param>
/// <param name="HttpPort">The REST port, 0 when none.</param>
/// <param name="HeartbeatAt">The silo's last heartbeat (database clock), or null before its first.</param>
/// <param name="IsLocal">True for the silo that answered the request.</param>
internal sealed record SiloView(string Address, long Epoch, string ClusterId, string Zone, SiloStatus Status, int? ActivationCount, int GatewayPort, int HttpPort,
    DateTimeOffset? HeartbeatAt, bool IsLocal)
{
    public static SiloView Of(MembershipEntry member, string clusterId, int? activationCount, bool isLocal) => new(
        member.Silo.Endpoint, member.Silo.Epoch, clusterId, member.Zone, member.Status, activationCount, member.GatewayPort, member.HttpPort,
        member.HeartbeatAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(member.HeartbeatAt) : null, isLocal);
}
