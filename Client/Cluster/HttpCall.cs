using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Domain.Ethereum;

namespace Actors.Client.Cluster;

/// <summary>
/// Sends requests to a silo's REST API with the credential each route needs and prints the answer: the JSON body alone on
/// stdout, or for an error the problem's status, code, detail and field errors on stderr (exit 1). Wallet routes carry a
/// session token, given or obtained once by signing in with a key (EIP-4361, signed with EIP-191). Keys and tokens are never
/// printed.
/// </summary>
internal sealed class HttpCall(HttpClient client, TextWriter output, TextWriter errors, Credentials credentials)
{
    /// <summary>The header carrying the operator key.</summary>
    public const string OperatorKeyHeader = "X-Operator-Key";

    /// <summary>The header making a state-changing request count once.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private string? _session;

    /// <summary>Sends a request and prints its JSON answer; returns 0, or 1 after printing why it failed.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The route, relative to the base URL (no leading '/').</param>
    /// <param name="access">Whom the route serves: which credential to send.</param>
    /// <param name="body">The JSON body, or null for none.</param>
    /// <param name="operationId">Sent as <c>Idempotency-Key</c> when not null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<int> SendAsync(
        HttpMethod method, string path, Access access, object? body = null, string? operationId = null, CancellationToken cancellationToken = default)
    {
        if (await FetchAsync(method, path, access, body, operationId, cancellationToken) is not { } answer)
        {
            return 1;
        }

        await output.WriteLineAsync(CommandJson.Format(answer));
        return 0;
    }

    /// <summary>Sends a request and returns its JSON answer, or null after printing why there is none.</summary>
    public async Task<JsonElement?> FetchAsync(
        HttpMethod method, string path, Access access, object? body = null, string? operationId = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, CommandJson.Wire), Encoding.UTF8, "application/json");
        }

        if (operationId is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, operationId);
        }

        if (access == Access.Operator)
        {
            request.Headers.Add(OperatorKeyHeader, credentials.OperatorKey);
        }
        else if (access is Access.Wallet or Access.WalletIfGiven && (credentials.Token is not null || credentials.Key is not null))
        {
            if (await SessionAsync(cancellationToken) is not { } session)
            {
                return null;
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = TryParse(text);
            if (!response.IsSuccessStatusCode)
            {
                await PrintProblemAsync((int)response.StatusCode, response.ReasonPhrase, json, text);
                return null;
            }

            if (json is null)
            {
                await errors.WriteLineAsync($"{(int)response.StatusCode}: the answer to {method} /{path} is not JSON");
            }

            return json;
        }
        catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await errors.WriteLineAsync($"cannot reach {client.BaseAddress}: {error.Message}");
            return null;
        }
    }

    /// <summary>Prints why the command stops, and returns its exit code, 1.</summary>
    public async Task<int> FailAsync(string message)
    {
        await errors.WriteLineAsync(message);
        return 1;
    }

    /// <summary>Sends a request and returns one string property of its JSON answer, or null after printing why there is none.</summary>
    public async Task<string?> FetchStringAsync(HttpMethod method, string path, Access access, object? body, string property, CancellationToken cancellationToken)
    {
        if (await FetchAsync(method, path, access, body, cancellationToken: cancellationToken) is not { } answer)
        {
            return null;
        }

        var value = StringProperty(answer, property);
        if (value is null)
        {
            await errors.WriteLineAsync($"the answer to {method} /{path} has no '{property}'");
        }

        return value;
    }

    // The given token, or one from signing in with the key (once per command).
    private async Task<string?> SessionAsync(CancellationToken cancellationToken)
    {
        if ((credentials.Token ?? _session) is { } token)
        {
            return token;
        }

        _session = await SignInAsync(credentials.Key!, cancellationToken) is { } session ? StringProperty(session, "token") : null;
        return _session;
    }

    /// <summary>
    /// Signs in with <paramref name="key"/> (EIP-4361 nonce, EIP-191 signature) and returns the silo's answer
    /// <c>{token, address, expiresAt}</c>, or null after printing why there is none. Signs only a sign-in message for the key's
    /// own address, whatever else a silo might send.
    /// </summary>
    public async Task<JsonElement?> SignInAsync(PrivateKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = await FetchStringAsync(HttpMethod.Post, "api/auth/nonce", Access.Anyone, new { address = key.Address.ToString() }, "message", cancellationToken);
        if (text is null)
        {
            return null;
        }

        if (!SiweMessage.TryParse(text, out var message, out _) || message.Address != key.Address)
        {
            await errors.WriteLineAsync($"sign-in: the silo did not send an EIP-4361 message for {key.Address}; nothing was signed");
            return null;
        }

        var signature = PersonalSign.Sign(key, text).ToString();
        var answer = await FetchAsync(HttpMethod.Post, "api/auth/verify", Access.Anyone, new { message = text, signature }, cancellationToken: cancellationToken);
        if (answer is { } session && StringProperty(session, "token") is null)
        {
            await errors.WriteLineAsync("the answer to POST /api/auth/verify has no 'token'");
            return null;
        }

        return answer;
    }

    private async Task PrintProblemAsync(int status, string? reason, JsonElement? problem, string text)
    {
        if (problem is not { ValueKind: JsonValueKind.Object } details)
        {
            await errors.WriteLineAsync(string.IsNullOrWhiteSpace(text) ? $"{status} {reason}" : $"{status} {reason}: {text.Trim()}");
            return;
        }

        var code = StringProperty(details, "code") ?? reason;
        var detail = StringProperty(details, "detail") ?? StringProperty(details, "title") ?? reason;
        await errors.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{status} {code}: {detail}"));
        if (details.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", field.Value.EnumerateArray().Select(m => m.ToString()))
                    : field.Value.ToString();
                await errors.WriteLineAsync($"  {field.Name}: {messages}");
            }
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? TryParse(string text)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
