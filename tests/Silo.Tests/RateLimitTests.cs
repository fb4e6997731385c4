using Actors.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>Rate limits per client address and per wallet: 429 with Retry-After, and nothing reaches a grain.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SiloFactory _factory = new();
    private HttpClient? _client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_is_limited_per_client_address_and_per_wallet()
    {
        _factory.Settings["Gateway:RateLimit:SignInPerMinute"] = "2";
        var alice = Api.Alice.Address.ToString();
        var bob = Api.Bob.Address.ToString();

        var first = await NonceAsync("10.0.0.1", alice);
        var second = await NonceAsync("10.0.0.1", alice);
        var third = await NonceAsync("10.0.0.1", alice);
        var sameWalletElsewhere = await NonceAsync("10.0.0.2", alice);
        var otherWalletElsewhere = await NonceAsync("10.0.0.2", bob);
        var sameClientOtherWallet = await NonceAsync("10.0.0.1", bob);

        Assert.Equal([200, 200, 429, 429, 200, 429],
            new[] { first, second, third, sameWalletElsewhere, otherWalletElsewhere, sameClientOtherWallet }.Select(r => (int)r.StatusCode));
        Assert.Equal("too_many_requests", Code(third));
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.NotNull(sameWalletElsewhere.Headers.RetryAfter);
    }

    [Fact]
    public async Task Writes_above_the_limit_are_refused_before_any_grain_and_a_limit_of_0_is_off()
    {
        _factory.Settings["Gateway:RateLimit:WritesPerSecond"] = "1";
        _factory.Settings["Gateway:OperatorKey"] = "rate-limit-operator-key-0123456789abcdef";
        using var client = _factory.CreateClient();
        var api = new Api(client, "rate-limit-operator-key-0123456789abcdef");
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync("/api/pools/p", new { ratePerSecond = "1" }, asOperator: true)).Status);
        var token = await api.SignInAsync(Api.Alice); // sign-in is not a write, and its limit is off
        var deposit = new { asset = "STAKE", amount = "10", reference = "rate-limit-deposit" }; // a repeat counts once
        await Wait.UntilAsync(
            async () => (await api.PostAsync($"/api/wallets/{Api.Alice.Address}/deposits", deposit, asOperator: true)).Status == HttpStatusCode.OK,
            "the deposit to pass the write limit");
        var path = $"/api/wallets/{Api.Alice.Address}/stake";

        var replies = new List<Reply>();
        for (var i = 0; i < 10; i++)
        {
            replies.Add(await api.PostAsync(path, new { poolId = "p", amount = "1" }, token));
        }

        var wallet = await api.GetAsync($"/api/wallets/{Api.Alice.Address}");
        var refused = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        var done = replies.Count(r => r.Status == HttpStatusCode.OK);

        // One write per second with a burst of one: ten writes in a row cannot all pass unless each takes a second.
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("too_many_requests", r.Code));
        Assert.All(refused, r => Assert.NotNull(r.RetryAfter));
        Assert.Equal(10, refused.Count + done);
        var staked = wallet.Body.GetProperty("positions").EnumerateArray().Select(p => int.Parse(p.GetProperty("staked").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Sum();
        Assert.Equal(done, staked);
    }

    private async Task<HttpResponseMessage> NonceAsync(string clientAddress, string address)
    {
        _factory.Configure ??= builder => builder.ConfigureTestServices(s => s.AddTransient<IStartupFilter, ClientAddressFromHeader>());
        _client ??= _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/nonce", UriKind.Relative))
        {
            Content = JsonContent.Create(new { address }),
        };
        request.Headers.Add(ClientAddressFromHeader.Header, clientAddress);
        return await _client.SendAsync(request);
    }

    private static string? Code(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStream()).RootElement.GetProperty("code").GetString();

    // The in-memory server has no client address: take it from a test header, before any other middleware runs.
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header].ToString() is { Length: > 0 } address)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
