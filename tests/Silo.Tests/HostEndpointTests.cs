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
        Assert.Equal(0, silo.GetProperty("activationCount").GetInt32());
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
}
