using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Gateway;
using Actors.Grains.Interfaces.Rewards;
using Actors.Silo.Gateway;
using Actors.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;

namespace Actors.Silo.Tests.Idempotency;

/// <summary>
/// Idempotency-Key through the real host when an attempt does not finish: a retry after the first attempt's silo died completes
/// at once with one effect, a retry waits for an attempt that is alive and renewing, and takes over one that stopped renewing.
/// </summary>
public sealed class IdempotencyFailoverTests : IAsyncLifetime
{
    private const string Key = "failover-operator-key-0123456789abcdef";
    private const string Fund = """{"amount":"100"}""";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
    private readonly SiloFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        _factory.Settings["Gateway:IdempotencyLease"] = "00:00:05";
        _factory.Configure = builder => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        _client = _factory.CreateClient();
        using var created = await SendAsync("PUT", "/api/pools/p", """{"ratePerSecond":"1"}""", "create");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_whose_first_attempt_died_with_its_silo_completes_at_once_with_one_effect()
    {
        // The first attempt ran on an earlier life of this silo's address (a silo that was killed and came back), claimed the
        // key and funded the pool under the key's operation id; then its silo died before the response was stored.
        var here = _factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var earlierLife = SiloAddress.New(here.Endpoint, here.Generation - 1);
        var first = await ClaimAsync("fund-1", earlierLife);
        await Grains.GetGrain<IRewardPoolGrain>("p").Fund(first.OperationId, UInt256.FromUInt64(100));

        using var retry = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-1");
        using var repeat = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-1");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("100", await BudgetAsync());
        Assert.Equal("true", repeat.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_retry_waits_for_a_live_attempt_and_takes_over_once_its_lease_runs_out_without_renewal()
    {
        // An attempt on this very silo, alive in the membership, holds the claim and stops renewing it (its handler hung).
        // (Orleans counts a silo missing from the membership table as dead, so the holder of this case must be a live one.)
        var here = _factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        await ClaimAsync("fund-2", here);

        using var early = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-2");
        _time.Advance(Lease);
        using var late = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-2");

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("idempotency_in_progress", await CodeAsync(early));
        Assert.NotNull(early.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("100", await BudgetAsync());
    }

    [Fact]
    public async Task A_request_running_past_its_lease_renews_its_claim_so_a_repeat_waits_and_then_gets_its_response()
    {
        var poolWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recordWrites = 0;
        _factory.Storage.BeforeWrite = (grain, _) =>
        {
            if (grain.Type.ToString() != "reward-pool")
            {
                return Task.CompletedTask;
            }

            poolWrite.TrySetResult();
            return release.Task;
        };
        _factory.Storage.AfterCommit = (grain, _) =>
        {
            if (grain.Type.ToString() == "idempotency")
            {
                Interlocked.Increment(ref recordWrites);
            }
        };

        var running = SendAsync("POST", "/api/pools/p/fund", Fund, "fund-3");
        await Wait.ForAsync(poolWrite.Task, "the request to reach the pool's write");
        for (var renewal = 1; renewal <= 3; renewal++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            var expected = 1 + renewal; // the claim, then one renewal per third of the lease
            await Wait.UntilAsync(() => Volatile.Read(ref recordWrites) >= expected, $"renewal {renewal} of the claim");
        }

        using var repeat = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-3");
        release.TrySetResult();
        using var first = await Wait.ForAsync(running, "the first attempt to finish");
        using var after = await SendAsync("POST", "/api/pools/p/fund", Fund, "fund-3");

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal("idempotency_in_progress", await CodeAsync(repeat));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("true", after.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal("100", await BudgetAsync());
    }

    private IGrainFactory Grains => _factory.Services.GetRequiredService<IGrainFactory>();

    // Claims a key as the gateway would for the fund request, on behalf of another attempt on silo claimant.
    private async Task<(IdempotencyClaim Claim, string OperationId)> ClaimAsync(string idempotencyKey, SiloAddress claimant)
    {
        var recordKey = IdempotencyMiddleware.RecordKey(Key, null, idempotencyKey);
        var fingerprint = IdempotencyMiddleware.Fingerprint("POST", "/api/pools/p/fund", Encoding.UTF8.GetBytes(Fund));
        var claim = await Grains.GetGrain<IIdempotencyGrain>(recordKey).Begin(fingerprint, claimant, Lease, TimeSpan.FromHours(24));
        Assert.Equal(IdempotencyOutcome.Claimed, claim.Outcome);
        return (claim, IdempotencyMiddleware.OperationIdOf(recordKey, claim.Epoch));
    }

    private async Task<string?> BudgetAsync() =>
        (await _client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/p", UriKind.Relative))).GetProperty("budget").GetString();

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Operator-Key", Key);
        request.Headers.Add(IdempotencyMiddleware.Header, idempotencyKey);
        return await _client.SendAsync(request);
    }
}
