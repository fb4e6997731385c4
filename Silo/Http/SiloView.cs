using System.Net;

namespace Actors.Silo.Http;

/// <summary>One silo as the REST API shows it.</summary>
/// <param name="Address">The silo-to-silo endpoint, <c>host:port</c>.</param>
/// <param name="Epoch">When this life of the silo started (Unix milliseconds); a restarted silo has a new epoch.</param>
/// <param name="ClusterId">The cluster the silo belongs to.</param>
/// <param name="Zone">The silo's zone label; null when this silo never learned it.</param>
/// <param name="Status">Orleans's membership status: Joining, Active, ShuttingDown, Stopping or Dead, among others.</param>
/// <param name="ActivationCount">
/// How many application grain activations the silo holds (Orleans's own grains left out), asked of each Active silo; 0 for a
/// silo that is not Active or did not answer within a second.
/// </param>
/// <param name="GatewayPort">The port cluster clients connect to; 0 when the silo has no gateway.</param>
/// <param name="HttpPort">The REST port of the silo that answered; 0 for the others, which the membership does not record.</param>
/// <param name="HeartbeatAt">The silo's last I-am-alive in the membership table, or null before its first.</param>
/// <param name="IsLocal">True for the silo that answered the request.</param>
internal sealed record SiloView(
    string Address, long Epoch, string ClusterId, string? Zone, SiloStatus Status, int ActivationCount, int GatewayPort, int HttpPort,
    DateTimeOffset? HeartbeatAt, bool IsLocal)
{
    public static SiloView Of(
        MembershipEntry member, string clusterId, string? zone, int activationCount, int httpPort, bool isLocal) => new(
        Endpoint(member.SiloAddress.Endpoint), new DateTimeOffset(Utc(member.StartTime)).ToUnixTimeMilliseconds(), clusterId, zone,
        member.Status, activationCount, member.ProxyPort, isLocal ? httpPort : 0,
        member.IAmAliveTime > DateTime.MinValue ? new DateTimeOffset(Utc(member.IAmAliveTime)) : null, isLocal);

    private static string Endpoint(IPEndPoint endpoint) => endpoint.ToString();

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
