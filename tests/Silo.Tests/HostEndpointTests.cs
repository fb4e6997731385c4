using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Silo.Tests;

public sealed class HostEndpointTests : IAsyncLifetime
{
    private readonly SiloFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Settings["Silo:Zone"] = "zone-b";
        _factory.Settings["Silo:ClusterId"] = "test-cluster";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Healthz_answers_while_the_process_is_up()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_follows_storage_reachability()
    {
        using var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

        _factory.Storage.FailNextReads(1);
        using var down = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Cluster_silos_lists_this_silo_with_its_configured_zone_and_status()
    {
        using var client = _factory.CreateClient();

        var silos = await client.GetFromJsonAsync<JsonElement>("/api/cluster/silos");

        var silo = Assert.Single(silos.EnumerateArray());
        Assert.Equal("zone-b", silo.GetProperty("zone").GetString());
        Assert.Equal("test-cluster", silo.GetProperty("clusterId").GetString());
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        Assert.Equal(1, silo.GetProperty("activationCount").GetInt32()); // the login batcher, woken when the silo became active
        Assert.Matches(@"^127\.0\.0\.1:\d+$", silo.GetProperty("address").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_routes()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/cluster/silos", out _));
        Assert.True(paths.TryGetProperty("/healthz", out _) || paths.EnumerateObject().Any());
    }

    public static TheoryData<string, string, string?> ContractRoutes() => new()
    {
        // API.md's routes, with the credential each needs.
        { "post", "/api/auth/nonce", null },
        { "post", "/api/auth/verify", null },
        { "put", "/api/pools/{poolId}", "operatorKey" },
        { "post", "/api/pools/{poolId}/fund", "operatorKey" },
        { "get", "/api/pools/{poolId}", null },
        { "post", "/api/wallets/{address}/stake", "session" },
        { "post", "/api/wallets/{address}/unstake", "session" },
        { "post", "/api/wallets/{address}/claim", "session" },
        { "get", "/api/wallets/{address}", null },
        { "post", "/api/wallets/{address}/deposits", "operatorKey" },
        { "post", "/api/wallets/{address}/withdrawals", "session" },
        { "get", "/api/wallets/{address}/withdrawals", "session" },
        { "put", "/api/wallets/{address}/guardians", "session" },
        { "put", "/api/collections/{collectionId}", "operatorKey" },
        { "post", "/api/collections/{collectionId}/tokens", "operatorKey" },
        { "post", "/api/collections/{collectionId}/revenue", "operatorKey" },
        { "get", "/api/collections/{collectionId}/tokens/{tokenId}", null },
        { "post", "/api/collections/{collectionId}/tokens/{tokenId}/transfer", "session" },
        { "post", "/api/collections/{collectionId}/tokens/{tokenId}/approve", "session" },
        { "put", "/api/wallets/{address}/operators", "session" },
        { "post", "/api/wallets/{address}/dividends/claim", "session" },
        { "post", "/api/recoveries", null },
        { "post", "/api/recoveries/{requestId}/approvals", null },
        { "post", "/api/recoveries/{requestId}/cancel", null },
        { "post", "/api/recoveries/{requestId}/review", "operatorKey" },
        { "get", "/api/recoveries/{requestId}", null },
        { "get", "/api/cluster/silos", null },
    };

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task The_openapi_document_has_every_contract_route_with_its_credential_and_the_Idempotency_Key(string method, string path, string? scheme)
    {
        using var client = _factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var schemes = operation.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList()
            : [];
        Assert.Equal(scheme is null ? [] : new[] { scheme }, schemes);
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("session", out _));
        var headers = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
            : [];
        Assert.Equal(method != "get", headers.Contains("Idempotency-Key"));
        Assert.True(operation.TryGetProperty("summary", out _));
    }
}
