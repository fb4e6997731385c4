using Actors.Domain.Money;
using Actors.Domain.Rewards;
using Actors.Grains.Interfaces.Rewards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Actors.Silo.Gateway;

/// <summary><c>/api/pools/...</c>: operators create and fund reward pools; anyone reads them.</summary>
internal static class PoolEndpoints
{
    /// <summary>The end of a pool created without one: 100 years after its start.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(36_525);

    public static void MapPoolEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pools").WithTags("Pools");
        group.MapPut("/{poolId}", PutAsync).RequireOperatorKey()
            .WithName("PutPool").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Creates a reward pool (operator). Repeating it with the same terms returns the pool; other terms are 409.");
        group.MapPost("/{poolId}/fund", FundAsync).RequireOperatorKey()
            .WithName("FundPool").Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Adds to a pool's budget (operator). Send an Idempotency-Key to make a retry count once.");
        group.MapGet("/{poolId}", GetAsync)
            .WithName("GetPool").Refuses(StatusCodes.Status404NotFound)
            .WithSummary("A pool's figures as of now.");
    }

    private static async Task<Results<Ok<PoolResponse>, ValidationProblem>> PutAsync(
        string poolId, PoolTermsRequest body, IGrainFactory grains, TimeProvider time)
    {
        var fields = new Fields();
        fields.Id("poolId", poolId);
        var rate = fields.BoundedAmount("ratePerSecond", body.RatePerSecond, allowZero: true);
        var starts = PoolTime(fields, "startsAt", body.StartsAt);
        var ends = PoolTime(fields, "endsAt", body.EndsAt);
        var stakeAsset = fields.Asset("stakeAsset", body.StakeAsset ?? PoolAssets.DefaultStake);
        var rewardAsset = fields.Asset("rewardAsset", body.RewardAsset ?? PoolAssets.DefaultReward);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var pool = grains.GetGrain<IRewardPoolGrain>(poolId);
        var existing = await pool.GetInfo();
        var start = starts ?? (existing.Exists ? existing.StartTime : time.GetUtcNow().ToUnixTimeSeconds());
        var end = ends ?? (existing.Exists ? existing.EndTime : Math.Min(start + (long)DefaultLifetime.TotalSeconds, RewardPoolMath.MaxTime));
        if (end <= start)
        {
            fields.Error("endsAt", "must be after startsAt");
            return fields.Problem();
        }

        return TypedResults.Ok(PoolResponse.Of(await pool.Create(new PoolTerms(rate, start, end, stakeAsset, rewardAsset)), time));
    }

    // A pool's time: 1970-01-01 to 9999-12-31T23:59:59Z.
    private static long? PoolTime(Fields fields, string field, string? text)
    {
        var time = fields.Time(field, text);
        if (time is < 0 or > RewardPoolMath.MaxTime)
        {
            fields.Error(field, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }

        return time;
    }

    private static async Task<Results<Ok<PoolResponse>, ValidationProblem>> FundAsync(
        string poolId, AmountRequest body, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var fields = new Fields();
        fields.Id("poolId", poolId);
        var amount = fields.BoundedAmount("amount", body.Amount);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var operationId = IdempotencyMiddleware.OperationId(request.HttpContext);
        return TypedResults.Ok(PoolResponse.Of(await grains.GetGrain<IRewardPoolGrain>(poolId).Fund(operationId, amount), time));
    }

    private static async Task<Results<Ok<PoolResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string poolId, IGrainFactory grains, TimeProvider time)
    {
        var fields = new Fields();
        fields.Id("poolId", poolId);
        if (fields.Failed)
        {
            return fields.Problem();
        }

        var info = await grains.GetGrain<IRewardPoolGrain>(poolId).GetInfo();
        return info.Exists
            ? TypedResults.Ok(PoolResponse.Of(info, time))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ApiProblems.NotFound, "Not found.", $"Pool '{poolId}' does not exist.");
    }
}

/// <summary>The body of <c>PUT /api/pools/{poolId}</c>.</summary>
/// <param name="RatePerSecond">Base units emitted per second, a decimal string.</param>
/// <param name="StartsAt">Emission start (ISO-8601); now when omitted.</param>
/// <param name="EndsAt">Emission end (ISO-8601); 100 years after the start (at most 9999-12-31T23:59:59Z) when omitted.</param>
/// <param name="StakeAsset">The asset stakes draw on; STAKE when omitted.</param>
/// <param name="RewardAsset">The asset claims credit; REWARD when omitted.</param>
public sealed record PoolTermsRequest(
    string? RatePerSecond, string? StartsAt = null, string? EndsAt = null, string? StakeAsset = null, string? RewardAsset = null);

/// <summary>A body carrying one amount.</summary>
/// <param name="Amount">Base units, a decimal string.</param>
public sealed record AmountRequest(string? Amount);

/// <summary>
/// A pool's figures, amounts as decimal strings of base units: emitted = claimed + pending + dust exactly, where pending is what
/// the pool owes its stakers in whole units and dust what it owes nobody.
/// </summary>
public sealed record PoolResponse(
    string PoolId, UInt256 RatePerSecond, UInt256 TotalShares, UInt256 RewardIndex, int IndexScale, UInt256 Budget, UInt256 Emitted,
    UInt256 Claimed, UInt256 Pending, UInt256 Dust, UInt256 Remaining, string StakeAsset, string RewardAsset, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, DateTimeOffset UpdatedAt, DateTimeOffset AsOf)
{
    internal static PoolResponse Of(PoolInfo info, TimeProvider time) => new(
        info.PoolId, info.RatePerSecond, info.TotalShares, info.Index, info.Scale, info.Budget, info.Emitted, info.Claimed, info.Pending,
        info.Dust, info.Remaining, info.StakeAsset, info.RewardAsset, DateTimeOffset.FromUnixTimeSeconds(info.StartTime),
        DateTimeOffset.FromUnixTimeSeconds(info.EndTime), DateTimeOffset.FromUnixTimeSeconds(info.LastUpdate), time.GetUtcNow());
}
