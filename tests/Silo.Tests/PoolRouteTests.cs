using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Actors.Silo.Tests;

/// <summary>The pool routes through the real host: operator writes, public reads, validation and problem codes.</summary>
public sealed class PoolRouteTests : IAsyncLifetime
{
    private const string Key = "test-operator-key-0123456789abcdef";
    private readonly SiloFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_operator_creates_and_funds_a_pool_and_anyone_reads_it_with_amounts_as_strings()
    {
        using var client = _factory.CreateClient();

        using var created = await SendAsync(client, HttpMethod.Put, "/api/pools/p1", """{"ratePerSecond":"1000000000000000000","startsAt":"2030-01-01T00:00:00Z","endsAt":"2031-01-01T00:00:00Z"}""", Key);
        using var again = await SendAsync(client, HttpMethod.Put, "/api/pools/p1", """{"ratePerSecond":"1000000000000000000"}""", Key);
        using var other = await SendAsync(client, HttpMethod.Put, "/api/pools/p1", """{"ratePerSecond":"5"}""", Key);
        using var funded = await SendAsync(client, HttpMethod.Post, "/api/pools/p1/fund", """{"amount":"300000000000000000000"}""", Key, idempotencyKey: "fund-1");
        using var repeated = await SendAsync(client, HttpMethod.Post, "/api/pools/p1/fund", """{"amount":"300000000000000000000"}""", Key, idempotencyKey: "fund-1");
        var read = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/p1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("pool_exists", (await ProblemAsync(other)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, funded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal("300000000000000000000", read.GetProperty("budget").GetString());
        Assert.Equal("1000000000000000000", read.GetProperty("ratePerSecond").GetString());
        Assert.Equal(36, read.GetProperty("indexScale").GetInt32());
        Assert.Equal("2031-01-01T00:00:00+00:00", read.GetProperty("endsAt").GetString());
        Assert.True(read.TryGetProperty("asOf", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Operator_routes_refuse_a_missing_or_wrong_key_and_change_nothing(string? key)
    {
        using var client = _factory.CreateClient();

        using var put = await SendAsync(client, HttpMethod.Put, "/api/pools/p2", """{"ratePerSecond":"1"}""", key);
        using var get = await client.GetAsync(new Uri("/api/pools/p2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal("operator_key_required", (await ProblemAsync(put)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("not_found", (await ProblemAsync(get)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"ratePerSecond":"-1"}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"1.5"}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"abc"}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"01"}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"115792089237316195423570985008687907853269984665640564039457584007913129639936"}""", "ratePerSecond")]
    [InlineData("""{}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"1","startsAt":"yesterday"}""", "startsAt")]
    [InlineData("""{"ratePerSecond":"1","startsAt":"2030-01-02T00:00:00Z","endsAt":"2030-01-01T00:00:00Z"}""", "endsAt")]
    [InlineData("""{"ratePerSecond":"340282366920938463463374607431768211456"}""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"1","startsAt":"9999-12-31T23:59:59Z"}""", "endsAt")]
    [InlineData("""{"ratePerSecond":"1","startsAt":"1969-12-31T23:59:59Z"}""", "startsAt")]
    [InlineData("""{"ratePerSecond":"1","stakeAsset":"not an asset"}""", "stakeAsset")]
    [InlineData("""{"ratePerSecond":"1","rewardAsset":""}""", "rewardAsset")]
    public async Task Bad_pool_terms_are_a_400_naming_the_field_and_create_nothing(string body, string field)
    {
        using var client = _factory.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Put, "/api/pools/p3", body, Key);
        var problem = await ProblemAsync(response);
        using var get = await client.GetAsync(new Uri("/api/pools/p3", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem does not name {field}: {problem}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task A_pool_starting_far_in_the_future_ends_at_the_last_representable_second_and_reads_back()
    {
        using var client = _factory.CreateClient();

        using var created = await SendAsync(client, HttpMethod.Put, "/api/pools/far", """{"ratePerSecond":"1","startsAt":"9990-01-01T00:00:00Z"}""", Key);
        using var read = await client.GetAsync(new Uri("/api/pools/far", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("9999-12-31T23:59:59+00:00", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endsAt").GetString());
    }

    [Fact]
    public async Task A_funding_that_would_pass_the_budget_limit_is_a_400_and_changes_nothing()
    {
        using var client = _factory.CreateClient();
        using var created = await SendAsync(client, HttpMethod.Put, "/api/pools/full", """{"ratePerSecond":"1"}""", Key);

        using var funded = await SendAsync(client, HttpMethod.Post, "/api/pools/full/fund", """{"amount":"340282366920938463463374607431768211455"}""", Key);
        using var over = await SendAsync(client, HttpMethod.Post, "/api/pools/full/fund", """{"amount":"1"}""", Key);
        var read = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/pools/full", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, funded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.True((await ProblemAsync(over)).GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal("340282366920938463463374607431768211455", read.GetProperty("budget").GetString());
    }

    [Theory]
    [InlineData("""{"ratePerSecond":1}""")]
    [InlineData("""not json""")]
    public async Task A_body_that_is_not_the_json_the_route_takes_is_a_400_problem(string body)
    {
        using var client = _factory.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Put, "/api/pools/p4", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed_request", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bad_pool_id_or_idempotency_key_is_named()
    {
        using var client = _factory.CreateClient();

        using var badId = await SendAsync(client, HttpMethod.Put, "/api/pools/bad%20id", """{"ratePerSecond":"1"}""", Key);
        using var badKey = await SendAsync(client, HttpMethod.Post, "/api/pools/p5/fund", """{"amount":"1"}""", Key, idempotencyKey: "has space");

        Assert.True((await ProblemAsync(badId)).GetProperty("errors").TryGetProperty("poolId", out _));
        Assert.True((await ProblemAsync(badKey)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_pool_routes()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var path = document.GetProperty("paths").GetProperty("/api/pools/{poolId}");
        Assert.True(path.TryGetProperty("put", out _));
        Assert.True(path.TryGetProperty("get", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/pools/{poolId}/fund", out _));
    }

    [Fact]
    public async Task Silos_starting_together_on_one_data_folder_all_take_the_same_generated_key()
    {
        var folder = Directory.CreateTempSubdirectory("actors-key-").FullName;
        try
        {
            var (options, storage) = KeyOptions(folder);

            using var start = new Barrier(8);
            var threads = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30)); // all at once, as silos starting together
                return new Gateway.OperatorKey(options, storage);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            var keys = await Task.WhenAll(threads);
            var stored = (await File.ReadAllTextAsync(Path.Combine(folder, "operator-key"))).Trim();

            Assert.All(keys, key => Assert.True(key.Matches(stored)));
            Assert.Equal(["operator-key"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_generated_key_file_holds_the_key_alone_without_a_byte_order_mark()
    {
        var folder = Directory.CreateTempSubdirectory("actors-key-").FullName;
        try
        {
            var (options, storage) = KeyOptions(folder);
            var key = new Gateway.OperatorKey(options, storage);

            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "operator-key"));

            Assert.Equal(64, bytes.Length);
            Assert.All(bytes, b => Assert.True(b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f'), $"byte {b} is not a hex digit"));
            Assert.True(key.Matches(System.Text.Encoding.ASCII.GetString(bytes)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("short-op-key")]
    [InlineData("an operator key with spaces in it, long enough")]
    [InlineData("operator-key-with-a-non-ascii-letter-\u00e9-0123")]
    public async Task A_configured_key_too_short_or_not_printable_ascii_stops_the_silo_naming_the_setting(string key)
    {
        await using var factory = new SiloFactory();
        factory.Settings["Gateway:OperatorKey"] = System.Text.RegularExpressions.Regex.Unescape(key);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Gateway:OperatorKey", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("at least 16", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_kept_private_in_the_data_folder_and_accepted()
    {
        var folder = Directory.CreateTempSubdirectory("actors-key-").FullName;
        try
        {
            await using var factory = new SiloFactory();
            factory.Settings["Storage:Provider"] = "sqlite";
            factory.Settings["Storage:Path"] = folder;
            using var client = factory.CreateClient();
            var file = Path.Combine(folder, "operator-key");
            var key = (await File.ReadAllTextAsync(file)).Trim();

            using var accepted = await SendAsync(client, HttpMethod.Put, "/api/pools/p6", """{"ratePerSecond":"1"}""", key);
            using var refused = await SendAsync(client, HttpMethod.Put, "/api/pools/p7", """{"ratePerSecond":"1"}""", key + "x");

            Assert.Equal(64, key.Length);
            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the key file is readable by others");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body, string? key, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Operator-Key", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // A gateway without a configured operator key, on SQLite in folder: the key is generated there.
    private static (Microsoft.Extensions.Options.IOptions<Gateway.GatewayOptions>, Microsoft.Extensions.Options.IOptions<Actors.Providers.Hosting.StorageOptions>) KeyOptions(string folder) => (
        Microsoft.Extensions.Options.Options.Create(new Gateway.GatewayOptions()),
        Microsoft.Extensions.Options.Options.Create(new Actors.Providers.Hosting.StorageOptions { Provider = "sqlite", Path = folder }));
}
