using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Silo.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests.Dashboard;

/// <summary>The operator area through the real host: every dashboard and page path behind the login, the login's cookie, the pages' data.</summary>
public sealed class OperatorAreaTests : IAsyncLifetime
{
    private const string Key = "test-operator-key-0123456789abcdef";
    private readonly SiloFactory _factory = new();

    public static TheoryData<string> AreaPaths => new()
    {
        "/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/index.min.js", "/dashboard/index.css", "/dashboard/favicon.ico",
        "/dashboard/DashboardCounters", "/dashboard/ClusterStats", "/dashboard/Reminders", "/dashboard/TopGrainMethods",
        "/dashboard/GrainTypes", "/dashboard/LifecycleStages", "/dashboard/Trace", "/dashboard/no-such-route",
        "/dashboard/GrainState?grainId=p1&grainType=Actors.Grains.Rewards.RewardPoolGrain",
        "/ops", "/ops/pools", "/ops/pools.json", "/ops/recoveries", "/ops/wallets/frozen", "/ops/assets/uPlot.js",
    };

    public Task InitializeAsync()
    {
        _factory.Settings["Gateway:OperatorKey"] = Key;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [MemberData(nameof(AreaPaths))]
    public async Task An_anonymous_request_is_refused_and_a_browser_is_sent_to_the_login(string path)
    {
        using var client = Client();

        using var api = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var page = await GetAsync(client, path, accept: "text/html");
        using var wrongKey = await GetAsync(client, path, key: "not-the-operator-key-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("operator_key_required", JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/ops/login?returnUrl=", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task The_grain_state_endpoint_answers_the_operator_key_only()
    {
        using var client = Client();
        using var anonymous = await client.GetAsync(new Uri("/dashboard/GrainState?grainId=p1&grainType=Actors.Grains.Rewards.RewardPoolGrain", UriKind.Relative));
        using var withKey = await GetAsync(client, "/dashboard/GrainState?grainId=p1&grainType=Actors.Grains.Rewards.RewardPoolGrain", key: Key);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.DoesNotContain("Pool", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task The_login_form_sets_an_httponly_strict_cookie_without_the_key_that_opens_the_dashboard()
    {
        using var client = Client();

        using var wrong = await LogInAsync(client, "not-the-operator-key-at-all", "/dashboard/");
        using var right = await LogInAsync(client, Key, "/dashboard/");
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        using var dashboard = await GetAsync(client, "/dashboard/", cookie: cookie.Split(';')[0]);
        var html = await dashboard.Content.ReadAsStringAsync();
        using var counters = await GetAsync(client, "/dashboard/DashboardCounters", cookie: cookie.Split(';')[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/dashboard/", right.Headers.Location!.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("index.min.js", html, StringComparison.Ordinal);
        Assert.Contains("/ops/assets/links.js", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.True(_factory.Services.GetRequiredService<DashboardCollection>().IsCollecting);
    }

    [Theory]
    [InlineData("https://evil.example/", "/ops")]
    [InlineData("//evil.example/", "/ops")]
    [InlineData("/\\evil.example/", "/ops")]
    [InlineData("/api/pools/p1", "/ops")]
    [InlineData("/ops/pools", "/ops/pools")]
    public void The_login_returns_only_to_a_path_of_the_operator_area(string returnUrl, string expected) =>
        Assert.Equal(expected, OperatorLogin.SafeReturn(returnUrl));

    [Fact]
    public async Task The_pages_list_pools_with_their_figures_recoveries_and_frozen_wallets()
    {
        using var client = Client();
        using var created = await SendAsync(client, HttpMethod.Put, "/api/pools/ops-pool", """{"ratePerSecond":"7"}""");
        using var funded = await SendAsync(client, HttpMethod.Post, "/api/pools/ops-pool/fund", """{"amount":"1000"}""");
        const string wallet = "0x00000000000000000000000000000000000000a1";
        using var deposit = await SendAsync(client, HttpMethod.Post, $"/api/wallets/{wallet}/deposits", """{"asset":"STAKE","amount":"5","reference":"r-1"}""");
        using var frozen = await SendAsync(client, HttpMethod.Post, $"/api/wallets/{wallet}/freeze", """{"reason":"aml_review"}""");

        using var json = await GetAsync(client, "/ops/pools.json", key: Key);
        var pool = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("pools").EnumerateArray()
            .Single(p => p.GetProperty("poolId").GetString() == "ops-pool");
        using var pools = await GetAsync(client, "/ops/pools", key: Key);
        using var frozenPage = await GetAsync(client, "/ops/wallets/frozen", key: Key);
        using var recoveries = await GetAsync(client, "/ops/recoveries", key: Key);
        using var silos = await GetAsync(client, "/ops", key: Key);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, funded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        Assert.Equal("1000", pool.GetProperty("budget").GetString());
        Assert.Equal("7", pool.GetProperty("ratePerSecond").GetString());
        Assert.Equal(0, pool.GetProperty("stakers").GetInt32());
        Assert.Contains("ops-pool", await pools.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var frozenHtml = await frozenPage.Content.ReadAsStringAsync();
        Assert.Contains(wallet, frozenHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("aml_review", frozenHtml, StringComparison.Ordinal);
        Assert.Contains("No recovery is in flight.", await recoveries.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default", await silos.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the silo's zone
    }

    [Fact]
    public async Task With_the_dashboard_disabled_its_paths_are_gone_and_the_pages_stay()
    {
        await using var factory = new SiloFactory();
        factory.Settings["Gateway:OperatorKey"] = Key;
        factory.Settings["Dashboard:Enabled"] = "false";
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var dashboard = await GetAsync(client, "/dashboard/", key: Key);
        using var pages = await GetAsync(client, "/ops/pools", key: Key);

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pages.StatusCode);
        Assert.Null(factory.Services.GetService<DashboardCollection>());
    }

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept = null, string? key = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        if (key is not null)
        {
            request.Headers.Add("X-Operator-Key", key);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string key, string returnUrl)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = returnUrl });
        return await client.PostAsync(new Uri("/ops/login", UriKind.Relative), form);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Operator-Key", Key);
        return await client.SendAsync(request);
    }
}
