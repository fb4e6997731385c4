using System.Globalization;
using Actors.Silo.Http;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Actors.Silo.Activations;

namespace Actors.Silo.Dashboard;

/// <summary>
/// The project's own operator pages beside the Orleans dashboard, plain server-rendered HTML behind the operator login
/// (<see cref="OperatorArea"/>): the silos with their zones, every pool's figures (refreshed by polling
/// <see cref="PoolsJsonPath"/> while the page is open and visible), the recoveries in flight and the frozen wallets.
/// </summary>
internal static class OpsPages
{
    public const string Home = "/ops";
    public const string PoolsPath = "/ops/pools";
    public const string PoolsJsonPath = "/ops/pools.json";
    public const string RecoveriesPath = "/ops/recoveries";
    public const string FrozenPath = "/ops/wallets/frozen";
    public const string AssetsPath = "/ops/assets";

    public static void MapOpsPages(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("").ExcludeFromDescription();
        ops.MapGet(Home, SilosAsync);
        ops.MapGet(PoolsPath, PoolsAsync);
        ops.MapGet(PoolsJsonPath, async (OpsData data) => Results.Json(await data.PoolsAsync()));
        ops.MapGet(RecoveriesPath, RecoveriesAsync);
        ops.MapGet(FrozenPath, FrozenAsync);
        ops.MapGet(AssetsPath + "/{name}", OpsAssets.Serve);
    }

    private static async Task<IResult> SilosAsync(
        IGrainFactory grains, ILocalSiloDetails local, ActivationCounts counts, SiloZoneNames zones, IOptions<ClusterOptions> cluster,
        IOptions<HttpOptions> http, TimeProvider time)
    {
        var silos = await ClusterEndpoints.ListSilosAsync(grains, local, counts, zones, cluster, http, time);
        var rows = silos.Select(s => (IReadOnlyList<string>)[
            OpsHtml.Encode(s.Address) + (s.IsLocal ? " (this silo)" : ""), OpsHtml.Encode(s.Zone ?? "unknown"), OpsHtml.Encode(s.Status.ToString()),
            s.ActivationCount.ToString(CultureInfo.InvariantCulture), OpsHtml.Encode(s.HeartbeatAt?.ToString("u", CultureInfo.InvariantCulture) ?? "")]);
        var zonesSeen = silos.Where(s => s.Status == SiloStatus.Active).GroupBy(s => s.Zone ?? "unknown")
            .Select(g => $"{OpsHtml.Encode(g.Key)}: {g.Count()}");
        var body = $"""
            <h1>Silos of cluster {OpsHtml.Encode(cluster.Value.ClusterId)}</h1>
            <p>Active silos by zone: {string.Join(", ", zonesSeen)}.</p>
            {OpsHtml.Table(["Silo", "Zone", "Status", "Activations", "Last heartbeat"], rows, "silos")}
            <p>Grains, calls, latency, errors and reminders are on the <a href="{OperatorArea.DashboardPath}/">Orleans dashboard</a>.</p>
            """;
        return OpsHtml.Page("Silos", body);
    }

    private static async Task<IResult> PoolsAsync(OpsData data)
    {
        var snapshot = await data.PoolsAsync();
        var rows = snapshot.Pools.Select(p => (IReadOnlyList<string>)[
            OpsHtml.Encode(p.PoolId), OpsHtml.Encode(p.Emitted), OpsHtml.Encode(p.Claimed), OpsHtml.Encode(p.Pending),
            OpsHtml.Encode(p.Remaining), OpsHtml.Encode(p.Budget), p.Stakers.ToString(CultureInfo.InvariantCulture),
            OpsHtml.Encode(p.RatePerSecond), OpsHtml.Encode($"{p.StakeAsset} → {p.RewardAsset}")]);
        var body = $"""
            <h1>Reward pools</h1>
            <p>{snapshot.Listed} pools; amounts in base units, as of <span id="as-of">{snapshot.AsOf:u}</span>. The page refreshes every
            {OpsAssets.RefreshSeconds} s while it is open.</p>
            <link rel="stylesheet" href="{AssetsPath}/uPlot.css">
            <div id="chart" data-source="{PoolsJsonPath}" data-refresh="{OpsAssets.RefreshSeconds}"></div>
            {OpsHtml.Table(["Pool", "Emitted", "Claimed", "Pending", "Remaining budget", "Budget", "Stakers", "Rate per second", "Assets"], rows, "pools")}
            {More(snapshot.Listed)}
            """;
        return OpsHtml.Page("Pools", body, scripts: [$"{AssetsPath}/uPlot.js", $"{AssetsPath}/pools.js"]);
    }

    private static async Task<IResult> RecoveriesAsync(OpsData data)
    {
        var (open, listed) = await data.RecoveriesAsync();
        var rows = open.Select(r => (IReadOnlyList<string>)[
            OpsHtml.Encode(r.RequestId), OpsHtml.Encode(r.Wallet?.ToString()), OpsHtml.Encode(r.Status.ToString()), OpsHtml.Encode($"{r.Risk} ({r.RiskScore})"),
            $"{r.Approvals.Count} of {r.Threshold}", OpsHtml.Encode(r.ExecuteAfter?.ToString("u", CultureInfo.InvariantCulture) ?? "not before the threshold"),
            OpsHtml.Encode(r.ExpiresAt?.ToString("u", CultureInfo.InvariantCulture) ?? "")]);
        var body = open.Count == 0
            ? "<h1>Recoveries in flight</h1><p>No recovery is in flight.</p>"
            : $"""
              <h1>Recoveries in flight</h1>
              {OpsHtml.Table(["Request", "Wallet", "State", "Risk", "Approvals", "Execute after", "Expires (unless timelocked)"], rows, "recoveries")}
              {More(listed)}
              """;
        return OpsHtml.Page("Recoveries", body);
    }

    private static async Task<IResult> FrozenAsync(OpsData data)
    {
        var (frozen, listed) = await data.FrozenWalletsAsync();
        var rows = frozen.Select(w => (IReadOnlyList<string>)[
            OpsHtml.Encode(w.Wallet),
            string.Join("<br>", w.FreezeReasons.Select(r => $"{OpsHtml.Encode(r.Reason)} since {DateTimeOffset.FromUnixTimeSeconds(r.Since):u}"))]);
        var body = frozen.Count == 0
            ? "<h1>Frozen wallets</h1><p>No wallet is frozen.</p>"
            : $"""
              <h1>Frozen wallets</h1>
              {OpsHtml.Table(["Wallet", "Why (reason, since)"], rows, "frozen")}
              {More(listed)}
              """;
        return OpsHtml.Page("Frozen wallets", body);
    }

    private static string More(int listed) =>
        listed > OpsData.MaxShown ? $"<p>The first {OpsData.MaxShown} of {listed} are shown.</p>" : "";
}
