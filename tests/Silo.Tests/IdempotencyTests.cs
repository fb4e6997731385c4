using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Domain.Ethereum;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>Idempotency-Key through the real host: one effect, the first response again, 409 for another body, expiry.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private const string Key = "test-operator-key-0123456789abcdef";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
    private readonly SiloFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        _factory.Settings["Gateway:MaxBodyBytes"] = "1024";
        _factory.Configure = builder => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_repeat_has_one_effect_and_gets_the_first_response_and_another_body_is_409()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");

        using var first = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        using var repeat = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        using var otherBody = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"999"}""", "fund-1");
        using var otherKey = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-2");
        var pool = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/p", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.Conflict, otherBody.StatusCode);
        Assert.Equal("idempotency_key_reused", (await otherBody.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal("200", pool.GetProperty("budget").GetString());
    }

    [Fact]
    public async Task A_retry_after_a_5xx_whose_effect_committed_has_that_one_effect()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");
        var armed = 1;
        _factory.Storage.AfterCommit = (grain, _) =>
        {
            if (grain.Type.ToString() == "reward-pool" && Interlocked.Exchange(ref armed, 0) == 1)
            {
                throw new Actors.Providers.Storage.StorageUnavailableException("injected: the answer of a committed write is lost");
            }
        };

        using var failed = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        using var retry = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        var pool = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/p", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("100", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("budget").GetString());
        Assert.Equal("100", pool.GetProperty("budget").GetString());
    }

    [Fact]
    public async Task A_refusal_is_not_kept_so_the_advised_retry_runs_again_and_keys_belong_to_their_credential()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");

        using var conflict = await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"2"}""", "retune");
        using var again = await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"2"}""", "retune");
        using var unauthorized = await SendAsync(client, HttpMethod.Put, "/api/pools/q", """{"ratePerSecond":"1"}""", "shared", operatorKey: "wrong");
        using var authorized = await SendAsync(client, HttpMethod.Put, "/api/pools/q", """{"ratePerSecond":"1"}""", "shared");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task A_refusal_that_can_succeed_later_succeeds_on_the_retry_with_the_same_key()
    {
        using var client = _factory.CreateClient();

        using var missing = await SendAsync(client, HttpMethod.Post, "/api/pools/late/fund", """{"amount":"100"}""", "fund-late");
        await SendAsync(client, HttpMethod.Put, "/api/pools/late", """{"ratePerSecond":"1"}""", "create");
        using var retry = await SendAsync(client, HttpMethod.Post, "/api/pools/late/fund", """{"amount":"100"}""", "fund-late");
        using var replay = await SendAsync(client, HttpMethod.Post, "/api/pools/late/fund", """{"amount":"100"}""", "fund-late");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("100", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("budget").GetString());
    }

    [Fact]
    public async Task A_bad_body_does_not_use_up_its_key_so_the_corrected_body_runs()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");

        using var bad = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"a hundred"}""", "fund-1");
        using var corrected = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        var pool = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/p", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("100", pool.GetProperty("budget").GetString());
    }

    [Fact]
    public async Task Sign_in_is_never_replayed_from_the_cache_and_no_token_is_stored()
    {
        using var client = _factory.CreateClient();
        var idempotencyWrites = 0;
        _factory.Storage.BeforeWrite = (grain, _) =>
        {
            if (grain.Type.ToString() == "idempotency")
            {
                Interlocked.Increment(ref idempotencyWrites);
            }

            return Task.CompletedTask;
        };
        var alice = Api.Alice;
        using var nonce = await SendAsync(client, HttpMethod.Post, "/api/auth/nonce", $$"""{"address":"{{alice.Address}}"}""", "nonce");
        var message = (await nonce.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
        var body = JsonSerializer.Serialize(new { message, signature = PersonalSign.Sign(alice, message).ToString() });

        using var first = await SendAsync(client, HttpMethod.Post, "/api/auth/verify", body, "login");
        using var seenByAnother = await SendAsync(client, HttpMethod.Post, "/api/auth/verify", body, "login");
        var replayed = await seenByAnother.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, seenByAnother.StatusCode);
        Assert.False(seenByAnother.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("stale_nonce", replayed.GetProperty("code").GetString());
        Assert.False(replayed.TryGetProperty("token", out _));
        Assert.Equal(0, Volatile.Read(ref idempotencyWrites));
    }

    [Fact]
    public async Task A_key_expires_after_its_lifetime()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");
        await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");

        _time.Advance(TimeSpan.FromHours(25));
        using var reused = await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"7"}""", "fund-1");

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal("107", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("budget").GetString());
    }

    [Fact]
    public async Task Expired_records_are_deleted_from_storage_once_unchanged_past_the_lifetime_and_margin()
    {
        using var client = _factory.CreateClient();
        await SendAsync(client, HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", "create");
        await SendAsync(client, HttpMethod.Post, "/api/pools/p/fund", """{"amount":"100"}""", "fund-1");
        var sweep = _factory.Services.GetRequiredService<Gateway.IdempotencySweep>();

        var withinLifetime = await sweep.SweepAsync(DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1), CancellationToken.None);
        var pastMargin = await sweep.SweepAsync(DateTimeOffset.UtcNow + sweep.Age + TimeSpan.FromMinutes(1), CancellationToken.None);
        var again = await sweep.SweepAsync(DateTimeOffset.UtcNow.AddDays(30), CancellationToken.None);

        Assert.True(sweep.Age > TimeSpan.FromHours(25), $"age {sweep.Age}");
        Assert.Equal(0, withinLifetime);
        Assert.Equal(2, pastMargin);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_anything_runs()
    {
        using var client = _factory.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Put, "/api/pools/p", $$"""{"ratePerSecond":"1","pad":"{{new string('x', 2048)}}"}""", "big");
        using var get = await client.GetAsync(new Uri("/api/pools/p", UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body, string idempotencyKey, string operatorKey = Key)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Operator-Key", operatorKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }
}
