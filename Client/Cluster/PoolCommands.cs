using System.CommandLine;
using System.Globalization;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;

namespace Actors.Client.Cluster;

/// <summary>
/// <c>pool create|fund|show</c>: reward pools, through the cluster client or a silo's REST API (<c>--http</c>, where creating
/// and funding are operator routes). See <see cref="TransportOptions"/> for the exit codes.
/// </summary>
internal static class PoolCommands
{
    /// <summary>The end of a pool created without one: 100 years after its start, as the REST gateway does.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(36_525);

    public static Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var transport = new TransportOptions(services);
        var poolId = CommandInput.Argument("poolId", "The pool's id: 1 to 64 letters, digits, '.', '_' or '-'.");
        var operation = TransportOptions.Operation();

        var rate = new Option<string?>("--rate") { Description = "Base units emitted per second while the pool has stakers and budget (0 allowed)." };
        var startsAt = new Option<string?>("--starts-at") { Description = "Emission start, ISO-8601 (default: now, or the existing pool's)." };
        var endsAt = new Option<string?>("--ends-at") { Description = "Emission end, ISO-8601 (default: 100 years after the start, or the existing pool's)." };
        var create = transport.Command("create", "Create a pool (operator). Again with the same terms prints the pool; other terms are refused.",
            Access.Operator, [poolId, rate, startsAt, endsAt, operation], input =>
            {
                var (id, ratePerSecond, op) = (input.Id(poolId), input.Amount(rate, allowZero: true), input.OperationId(operation));
                var (start, end) = (input.Time(startsAt), input.Time(endsAt));
                if (start is not null && end is not null && end <= start)
                {
                    input.Error(endsAt, "must be after --starts-at");
                }

                return new CallPlan<PoolInfo>(
                    grains => CreateAsync(grains.GetGrain<IRewardPoolGrain>(id), ratePerSecond, start, end, services.Time),
                    (http, ct) => http.SendAsync(HttpMethod.Put, $"api/pools/{id}", Access.Operator, new { ratePerSecond, startsAt = Iso(start), endsAt = Iso(end) }, op, ct));
            });

        var amount = new Option<string?>("--amount") { Description = "Base units to add to the budget." };
        var fund = transport.Command("fund", "Add to a pool's budget (operator), once per operation id.", Access.Operator, [poolId, amount, operation], input =>
        {
            var (id, funds, op) = (input.Id(poolId), input.Amount(amount), input.OperationId(operation));
            return new CallPlan<PoolInfo>(
                grains => grains.GetGrain<IRewardPoolGrain>(id).Fund(op, funds),
                (http, ct) => http.SendAsync(HttpMethod.Post, $"api/pools/{id}/fund", Access.Operator, new { amount = funds }, op, ct));
        });

        var show = transport.Command("show", "Print a pool's figures as of now.", Access.Anyone, [poolId], input =>
        {
            var id = input.Id(poolId);
            return new CallPlan<PoolInfo>(
                async grains => await grains.GetGrain<IRewardPoolGrain>(id).GetInfo() is { Exists: true } info ? info : throw new KeyNotFoundException($"Pool '{id}' does not exist."),
                (http, ct) => http.SendAsync(HttpMethod.Get, $"api/pools/{id}", Access.Anyone, cancellationToken: ct));
        });

        return new Command("pool", "Reward pools: create, fund and show.") { create, fund, show };
    }

    // Missing times default as the REST gateway's do, so that creating an existing pool again keeps its terms.
    private static async Task<PoolInfo> CreateAsync(IRewardPoolGrain pool, UInt256 rate, DateTimeOffset? startsAt, DateTimeOffset? endsAt, TimeProvider time)
    {
        var existing = await pool.GetInfo();
        var start = startsAt?.ToUnixTimeSeconds() ?? (existing.Exists ? existing.StartTime : time.GetUtcNow().ToUnixTimeSeconds());
        var end = endsAt?.ToUnixTimeSeconds() ?? (existing.Exists ? existing.EndTime : start + (long)DefaultLifetime.TotalSeconds);
        return end > start
            ? await pool.Create(new PoolTerms(rate, start, end))
            : throw new ArgumentException($"The pool's end ({end}) must be after its start ({start}).", nameof(endsAt));
    }

    private static string? Iso(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
