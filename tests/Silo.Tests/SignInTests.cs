using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Actors.Domain.Ethereum;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Silo.Tests;

/// <summary>Sign-In with Ethereum through the real host: nonce, signed message, session token, and every refusal.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private static readonly PrivateKey Alice = PrivateKey.Parse("0x" + 0xa11ce.ToString("x64", CultureInfo.InvariantCulture));
    private static readonly PrivateKey Mallory = PrivateKey.Parse("0x" + 0xbad.ToString("x64", CultureInfo.InvariantCulture));
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
    private readonly SiloFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.Configure = builder => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_signed_message_gives_a_session_token_bound_to_the_address_and_its_nonce_works_once()
    {
        using var client = _factory.CreateClient();
        var message = await NonceAsync(client, Alice.Address.ToLowerHex());

        using var verified = await VerifyAsync(client, message, Sign(Alice, message));
        var session = await verified.Content.ReadFromJsonAsync<JsonElement>();
        using var replay = await VerifyAsync(client, message, Sign(Alice, message));
        var view = await SessionAsync(client, session.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(Alice.Address.ToString(), session.GetProperty("address").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("stale_nonce", await CodeAsync(replay));
        Assert.Equal(Alice.Address.ToString(), view?.GetProperty("address").GetString());
        Assert.StartsWith($"localhost wants you to sign in with your Ethereum account:\n{Alice.Address}\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_nonce_request_gets_a_nonce_of_its_own_that_signs_in_once_on_any_silo()
    {
        using var client = _factory.CreateClient();
        var first = await NonceAsync(client, Alice.Address.ToString());
        var second = await NonceAsync(client, Alice.Address.ToString());
        await using var other = new SiloFactory(_factory.Storage);
        other.Configure = builder => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        using var otherClient = other.CreateClient();
        var onOther = await NonceAsync(otherClient, Alice.Address.ToString());

        using var secondVerified = await VerifyAsync(client, second, Sign(Alice, second));
        using var firstVerified = await VerifyAsync(client, first, Sign(Alice, first));
        using var issuedElsewhere = await VerifyAsync(client, onOther, Sign(Alice, onOther));
        using var secondAgain = await VerifyAsync(client, second, Sign(Alice, second));
        using var firstAgain = await VerifyAsync(client, first, Sign(Alice, first));

        Assert.Equal(3, new[] { first, second, onOther }.Select(NonceOf).Distinct().Count());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { secondVerified, firstVerified, issuedElsewhere }.Select(r => r.StatusCode));
        Assert.Equal("stale_nonce", await CodeAsync(secondAgain));
        Assert.Equal("stale_nonce", await CodeAsync(firstAgain));
    }

    [Fact]
    public async Task Refused_sign_ins_name_why_and_give_no_token()
    {
        using var client = _factory.CreateClient();
        var message = await NonceAsync(client, Alice.Address.ToString());
        var otherDomain = message.Replace("localhost wants", "evil.example wants", StringComparison.Ordinal);
        var otherChain = message.Replace("Chain ID: 1", "Chain ID: 5", StringComparison.Ordinal);
        var otherNonce = message[..message.IndexOf("Nonce: ", StringComparison.Ordinal)] + "Nonce: abcdefgh123" + message[message.IndexOf("\nIssued At", StringComparison.Ordinal)..];

        Assert.Equal("bad_signature", await CodeAsync(await VerifyAsync(client, message, Sign(Mallory, message))));
        Assert.Equal("wrong_domain", await CodeAsync(await VerifyAsync(client, otherDomain, Sign(Alice, otherDomain))));
        Assert.Equal("wrong_chain", await CodeAsync(await VerifyAsync(client, otherChain, Sign(Alice, otherChain))));
        Assert.Equal("stale_nonce", await CodeAsync(await VerifyAsync(client, otherNonce, Sign(Alice, otherNonce))));
        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("message_expired", await CodeAsync(await VerifyAsync(client, message, Sign(Alice, message))));
    }

    [Fact]
    public async Task Without_a_configured_domain_a_message_for_the_requests_host_is_refused()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Host = "phish.example";
        var issued = await NonceAsync(client, Alice.Address.ToString());
        var phished = WithLine(WithLine(issued, 0, "phish.example wants you to sign in with your Ethereum account:"), "URI: ", "URI: https://phish.example");

        using var refused = await VerifyAsync(client, phished, Sign(Alice, phished));

        Assert.StartsWith("localhost wants you to sign in", issued, StringComparison.Ordinal);
        Assert.Contains("\nURI: https://localhost/\n", issued, StringComparison.Ordinal);
        Assert.Equal("wrong_domain", await CodeAsync(refused));
    }

    [Fact]
    public async Task A_public_url_names_the_domain_and_the_uri_and_a_message_for_another_uri_is_refused()
    {
        _factory.Settings["Gateway:PublicUrl"] = "https://app.example:8443/";
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Host = "phish.example";
        var issued = await NonceAsync(client, Alice.Address.ToString());
        var otherUri = WithLine(issued, "URI: ", "URI: https://phish.example/login");
        var otherPort = WithLine(issued, "URI: ", "URI: https://app.example/");

        using var wrongUri = await VerifyAsync(client, otherUri, Sign(Alice, otherUri));
        using var wrongPort = await VerifyAsync(client, otherPort, Sign(Alice, otherPort));
        using var verified = await VerifyAsync(client, issued, Sign(Alice, issued));

        Assert.StartsWith("app.example:8443 wants you to sign in", issued, StringComparison.Ordinal);
        Assert.Contains("\nURI: https://app.example:8443/\n", issued, StringComparison.Ordinal);
        Assert.Equal("wrong_uri", await CodeAsync(wrongUri));
        Assert.Equal("wrong_uri", await CodeAsync(wrongPort));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task With_a_configured_domain_the_uri_must_be_on_that_host()
    {
        _factory.Settings["Gateway:Domain"] = "app.example";
        using var client = _factory.CreateClient();
        var issued = await NonceAsync(client, Alice.Address.ToString());
        var otherUri = WithLine(issued, "URI: ", "URI: https://app.example.phish.example/");
        var path = WithLine(issued, "URI: ", "URI: https://APP.example/account");

        using var wrongUri = await VerifyAsync(client, otherUri, Sign(Alice, otherUri));
        using var verified = await VerifyAsync(client, path, Sign(Alice, path));

        Assert.StartsWith("app.example wants you to sign in", issued, StringComparison.Ordinal);
        Assert.Equal("wrong_uri", await CodeAsync(wrongUri));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Theory]
    [InlineData("Gateway:Domain", "https://app.example")]
    [InlineData("Gateway:Domain", "app.example/login")]
    [InlineData("Gateway:PublicUrl", "app.example")]
    [InlineData("Gateway:PublicUrl", "ftp://app.example/")]
    [InlineData("Gateway:PublicUrl", "https://app.example/?next=phish")]
    public async Task A_domain_or_public_url_that_is_not_one_stops_the_silo_naming_the_setting(string key, string value)
    {
        await using var factory = new SiloFactory();
        factory.Settings[key] = value;

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_out_of_the_eip_4361_order_are_a_400_and_a_message_not_valid_before_a_later_time_is_refused()
    {
        using var client = _factory.CreateClient();
        var issued = await NonceAsync(client, Alice.Address.ToString());
        var lines = issued.Split('\n');
        var chain = Array.FindIndex(lines, l => l.StartsWith("Chain ID: ", StringComparison.Ordinal));
        (lines[chain], lines[chain + 1]) = (lines[chain + 1], lines[chain]); // Nonce before Chain ID
        var swapped = string.Join('\n', lines);
        var later = _time.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var notYet = issued + "\nNot Before: " + later;

        using var outOfOrder = await VerifyAsync(client, swapped, Sign(Alice, swapped));
        using var early = await VerifyAsync(client, notYet, Sign(Alice, notYet));
        _time.Advance(TimeSpan.FromMinutes(1));
        using var onTime = await VerifyAsync(client, notYet, Sign(Alice, notYet));

        Assert.Equal(HttpStatusCode.BadRequest, outOfOrder.StatusCode);
        Assert.True((await outOfOrder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("message", out _));
        Assert.Equal("message_not_yet_valid", await CodeAsync(early));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Theory]
    [InlineData("""{"address":"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"}""", "address")] // mixed case with a bad checksum
    [InlineData("""{"address":"0x1234"}""", "address")]
    [InlineData("""{}""", "address")]
    public async Task A_bad_address_is_a_400_naming_it(string body, string field)
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/auth/nonce", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_malformed_message_or_signature_is_a_400_naming_it_and_a_bad_token_is_401()
    {
        using var client = _factory.CreateClient();
        var message = await NonceAsync(client, Alice.Address.ToString());
        var signature = Sign(Alice, message);
        var flipped = signature[..^2] + (signature.EndsWith("1b", StringComparison.Ordinal) ? "1c" : "1b"); // the other recovery id

        using var badMessage = await VerifyAsync(client, "hello", Sign(Alice, "hello"));
        using var badSignature = await VerifyAsync(client, message, "0x1234");

        Assert.True((await badMessage.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("message", out _));
        Assert.True((await badSignature.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("signature", out _));
        Assert.Null(await SessionAsync(client, "v1.AAAA.BBBB"));
        Assert.Null(await SessionAsync(client, null));
        Assert.Equal("bad_signature", await CodeAsync(await VerifyAsync(client, message, flipped)));
    }

    [Fact]
    public async Task A_token_expires_and_another_silo_on_the_same_storage_accepts_it()
    {
        using var client = _factory.CreateClient();
        var message = await NonceAsync(client, Alice.Address.ToString());
        using var verified = await VerifyAsync(client, message, Sign(Alice, message));
        var token = (await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        await using var other = new SiloFactory(_factory.Storage);
        other.Configure = builder => builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time));
        using var otherClient = other.CreateClient();

        var elsewhere = await SessionAsync(otherClient, token);
        _time.Advance(TimeSpan.FromMinutes(16));
        var expired = await SessionAsync(client, token);

        Assert.Equal(Alice.Address.ToString(), elsewhere?.GetProperty("address").GetString());
        Assert.Null(expired);
    }

    private static async Task<string> NonceAsync(HttpClient client, string address)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/auth/nonce", UriKind.Relative), new { address });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
    }

    private static string NonceOf(string message) =>
        message.Split('\n').Single(l => l.StartsWith("Nonce: ", StringComparison.Ordinal))["Nonce: ".Length..];

    // The message with its line at <paramref name="index"/> replaced.
    private static string WithLine(string message, int index, string line)
    {
        var lines = message.Split('\n');
        lines[index] = line;
        return string.Join('\n', lines);
    }

    // The message with the line that starts with <paramref name="prefix"/> replaced.
    private static string WithLine(string message, string prefix, string line) =>
        WithLine(message, Array.FindIndex(message.Split('\n'), l => l.StartsWith(prefix, StringComparison.Ordinal)), line);

    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, string message, string signature) =>
        client.PostAsJsonAsync(new Uri("/api/auth/verify", UriKind.Relative), new { message, signature });

    private static async Task<JsonElement?> SessionAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/auth/session", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        }
    }

    private static string Sign(PrivateKey key, string message) => PersonalSign.Sign(key, message).ToString();
}
