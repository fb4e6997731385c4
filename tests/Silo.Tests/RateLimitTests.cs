using Actors.Domain.Ethereum;
using Actors.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>
/// Rate limits per client address and per wallet: 429 with Retry-After, and nothing reaches a grain; a wallet's sign-in limit
/// counts only sign-ins its owner key signed, so that strangers cannot spend it.
/// </summary>
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
    public async Task Sign_in_requests_are_limited_per_client_address_and_sign_ins_per_wallet_once_the_signature_verifies()
    {
        _factory.Settings["Gateway:RateLimit:SignInPerMinute"] = "2";
        var alice = Api.Alice.Address.ToString();
        var bob = Api.Bob.Address.ToString();

        var first = await NonceAsync("10.0.0.1", alice);
        var second = await NonceAsync("10.0.0.1", bob);
        var third = await NonceAsync("10.0.0.1", alice);
        var sameWalletElsewhere = await NonceAsync("10.0.0.2", alice);
        var fromTwo = await SignInAsync("10.0.0.3", Api.Alice);
        var fromThree = await SignInAsync("10.0.0.4", Api.Alice);
        var fromFour = await SignInAsync("10.0.0.5", Api.Alice);
        var bobElsewhere = await SignInAsync("10.0.0.6", Api.Bob);

        Assert.Equal([200, 200, 429, 200], new[] { first, second, third, sameWalletElsewhere }.Select(r => (int)r.StatusCode));
        Assert.Equal("too_many_requests", Code(third));
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        // Alice's third sign-in in a minute is one too many, whichever client it comes from; Bob's budget is his own.
        Assert.Equal([200, 200, 429, 200], new[] { fromTwo, fromThree, fromFour, bobElsewhere }.Select(r => (int)r.StatusCode));
        Assert.Equal("too_many_requests", Code(fromFour));
        Assert.NotNull(fromFour.Headers.RetryAfter);
    }

    [Fact]
    public async Task A_strangers_nonce_requests_and_failed_sign_ins_for_a_wallet_neither_spend_its_limit_nor_void_its_nonce()
    {
        _factory.Settings["Gateway:RateLimit:SignInPerMinute"] = "3";
        var alice = Api.Alice.Address.ToString();
        var pending = await MessageAsync(await NonceAsync("10.0.0.1", alice));

        var strangers = new List<HttpResponseMessage>();
        for (var client = 10; client < 15; client++)
        {
            var stranger = $"10.0.1.{client}";
            var message = await MessageAsync(await NonceAsync(stranger, alice));
            strangers.Add(await VerifyAsync(stranger, message, Api.Erin));
            strangers.Add(await VerifyAsync(stranger, pending, Api.Erin));
        }

        var owner = await VerifyAsync("10.0.0.1", pending, Api.Alice);

        Assert.All(strangers, r => Assert.Equal((HttpStatusCode.Unauthorized, "bad_signature"), (r.StatusCode, Code(r))));
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
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

    private Task<HttpResponseMessage> NonceAsync(string clientAddress, string address) =>
        PostAsync(clientAddress, "/api/auth/nonce", new { address });

    private Task<HttpResponseMessage> VerifyAsync(string clientAddress, string message, PrivateKey signer) =>
        PostAsync(clientAddress, "/api/auth/verify", new { message, signature = PersonalSign.Sign(signer, message).ToString() });

    // A nonce and a sign-in with it from one client address: the nonce's answer if it is refused, else the sign-in's.
    private async Task<HttpResponseMessage> SignInAsync(string clientAddress, PrivateKey key)
    {
        var nonce = await NonceAsync(clientAddress, key.Address.ToString());
        return nonce.StatusCode == HttpStatusCode.OK ? await VerifyAsync(clientAddress, await MessageAsync(nonce), key) : nonce;
    }

    private async Task<HttpResponseMessage> PostAsync(string clientAddress, string path, object body)
    {
        _factory.Configure ??= builder => builder.ConfigureTestServices(s => s.AddTransient<IStartupFilter, ClientAddressFromHeader>());
        _client ??= _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add(ClientAddressFromHeader.Header, clientAddress);
        return await _client.SendAsync(request);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage nonce)
    {
        Assert.Equal(HttpStatusCode.OK, nonce.StatusCode);
        return (await nonce.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
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
