using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Actors.Domain.Ethereum;

namespace Actors.Silo.Tests;

/// <summary>A REST client for tests: JSON bodies, the operator key, bearer sessions, Idempotency-Keys, and sign-in.</summary>
public sealed class Api(HttpClient client, string? operatorKey = null)
{
    public static readonly PrivateKey Alice = Key(0xa11ce);
    public static readonly PrivateKey Bob = Key(0xb0b);
    public static readonly PrivateKey Carol = Key(0xca401);
    public static readonly PrivateKey Dave = Key(0xda7e);
    public static readonly PrivateKey Erin = Key(0xe414);

    public HttpClient Client => client;

    public static PrivateKey Key(long seed) => PrivateKey.Parse("0x" + seed.ToString("x64", CultureInfo.InvariantCulture));

    /// <summary>Sends a request; <paramref name="body"/> is raw JSON text or an object to serialize.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, bool asOperator = false, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (asOperator)
        {
            request.Headers.Add("X-Operator-Key", operatorKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<Reply> GetAsync(string path, string? token = null, bool asOperator = false) => SendAsync(HttpMethod.Get, path, null, token, asOperator);

    public Task<Reply> PostAsync(string path, object? body, string? token = null, bool asOperator = false, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body ?? "{}", token, asOperator, idempotencyKey);

    public Task<Reply> PutAsync(string path, object? body, string? token = null, bool asOperator = false) =>
        SendAsync(HttpMethod.Put, path, body ?? "{}", token, asOperator);

    /// <summary>Signs in as <paramref name="wallet"/> with <paramref name="signer"/> (the wallet's owner key, by default its own); returns the reply.</summary>
    public async Task<Reply> TrySignInAsync(EthereumAddress wallet, PrivateKey signer, object? extra = null)
    {
        var nonce = await PostAsync("/api/auth/nonce", new { address = wallet.ToString() });
        Assert.Equal(HttpStatusCode.OK, nonce.Status);
        var message = nonce.Body.GetProperty("message").GetString()!;
        var body = new Dictionary<string, object?> { ["message"] = message, ["signature"] = PersonalSign.Sign(signer, message).ToString() };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return await PostAsync("/api/auth/verify", body);
    }

    /// <summary>Credits a deposit to <paramref name="wallet"/> as the operator (a fresh reference unless one is given); asserts it was credited.</summary>
    public async Task<Reply> DepositAsync(EthereumAddress wallet, string amount, string asset = "STAKE", string? reference = null)
    {
        var deposited = await PostAsync(
            $"/api/wallets/{wallet}/deposits", new { asset, amount, reference = reference ?? $"test-{Guid.NewGuid():N}" }, asOperator: true);
        Assert.Equal(HttpStatusCode.OK, deposited.Status);
        return deposited;
    }

    /// <summary>Signs in with <paramref name="key"/> as its own wallet; returns the session token.</summary>
    public async Task<string> SignInAsync(PrivateKey key, object? extra = null)
    {
        var verified = await TrySignInAsync(key.Address, key, extra);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        return verified.Body.GetProperty("token").GetString()!;
    }
}

/// <summary>A response: status, JSON body, Retry-After and content type.</summary>
public sealed record Reply(HttpStatusCode Status, JsonElement Body, TimeSpan? RetryAfter, string? MediaType)
{
    /// <summary>The problem's code, or null.</summary>
    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>Whether the problem names <paramref name="field"/> among its errors.</summary>
    public bool Names(string field) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);

    /// <summary>A string property.</summary>
    public string? this[string name] => Body.GetProperty(name).ValueKind == JsonValueKind.Null ? null : Body.GetProperty(name).ToString();
}
