using System.Text;
using Actors.Testing;
using Microsoft.Playwright;

namespace Actors.Browser.Tests;

/// <summary>
/// An operator in a real browser: Chromium (the machine's, <see cref="ChromiumPath"/>; Playwright downloads none) against a
/// Silo process listening on a real port, through the login form, the Orleans dashboard and the pools page.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string Key = "browser-test-operator-key-0123456789";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "memory",
            ["Gateway:OperatorKey"] = Key,
            ["Silo:Zone"] = "zone-b",
        });
        await _silo.WaitReadyAsync(s_wait);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task An_operator_logs_in_sees_the_dashboard_render_and_the_pools_page_show_a_new_pool()
    {
        Assert.True(File.Exists(ChromiumPath), $"The browser test needs Chromium at {ChromiumPath} (Debian: apt-get install chromium; .ci/run installs it).");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)s_wait.TotalMilliseconds);
        var dashboard = new Uri(_silo.HttpBase, "/dashboard/").ToString();

        // Anonymous: the dashboard sends the browser to the login form.
        await page.GotoAsync(dashboard);
        Assert.Contains("/ops/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=key]", Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(dashboard);
        Assert.DoesNotContain(Key, page.Url, StringComparison.Ordinal);

        // The Orleans dashboard renders, with its silo list.
        await page.GetByText("Silos", new PageGetByTextOptions { Exact = true }).First.ClickAsync(); // the dashboard's menu
        await page.Locator($"text=127.0.0.1:{_silo.SiloPort}").First.WaitForAsync();
        await page.Locator("#actors-ops-links a[href='/ops/pools']").WaitForAsync(); // the dashboard links to the pages
        var cookies = await page.Context.CookiesAsync();
        var login = Assert.Single(cookies, c => c.Name == "actors_operator");
        Assert.True(login.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, login.SameSite);

        // A pool created through REST with the operator key shows on the pools page, with its figures.
        using (var http = new HttpClient { BaseAddress = _silo.HttpBase })
        {
            using var create = new HttpRequestMessage(HttpMethod.Put, "/api/pools/browser-pool")
            {
                Content = new StringContent("""{"ratePerSecond":"42"}""", Encoding.UTF8, "application/json"),
            };
            create.Headers.Add("X-Operator-Key", Key);
            using var created = await http.SendAsync(create);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            using var fund = new HttpRequestMessage(HttpMethod.Post, "/api/pools/browser-pool/fund")
            {
                Content = new StringContent("""{"amount":"123456789"}""", Encoding.UTF8, "application/json"),
            };
            fund.Headers.Add("X-Operator-Key", Key);
            using var funded = await http.SendAsync(fund);
            Assert.True(funded.IsSuccessStatusCode, await funded.Content.ReadAsStringAsync());
        }

        await page.ClickAsync("#actors-ops-links a[href='/ops/pools']");
        var row = page.Locator("#pools tbody tr", new PageLocatorOptions { HasText = "browser-pool" });
        await row.WaitForAsync();
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal("browser-pool", cells[0]);
        Assert.Equal("123456789", cells[5]); // the budget
        Assert.Equal("0", cells[6]); // no stakers yet
        Assert.Equal("42", cells[7]); // the rate per second
        await page.Locator("#chart canvas").First.WaitForAsync(); // the chart drew, from the vendored uPlot

        // The silos page shows the silo's zone.
        await page.ClickAsync("nav a[href='/ops']");
        Assert.Contains("zone-b", await page.Locator("#silos").InnerTextAsync(), StringComparison.Ordinal);
    }
}
