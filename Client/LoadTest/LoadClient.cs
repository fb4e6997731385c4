using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Actors.Client.Cluster;

namespace Actors.Client.LoadTest;

/// <summary>
/// Sends the run's requests to the silo and records each one in <see cref="RunStats"/>: its latency (from the step's intended
/// start for the first request of an open-loop step, so that a slow silo cannot hide the wait it causes) and its error code.
/// The operator key goes only in its header, never in a URL or the report.
/// </summary>
internal sealed class LoadClient(HttpClient client, RunStats stats, string? operatorKey)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Sends a request as the operator.</summary>
    public Task<Answer> OperatorAsync(string kind, HttpMethod method, string path, object? body, long since = 0, bool read = false) =>
        SendAsync(kind, method, path, body, bearer: null, operatorCall: true, since, read);

    /// <summary>Sends a request with a wallet's session token, or none when <paramref name="bearer"/> is null.</summary>
    public Task<Answer> WalletAsync(string kind, HttpMethod method, string path, object? body, string? bearer, long since = 0, bool read = false) =>
        SendAsync(kind, method, path, body, bearer, operatorCall: false, since, read);

    private async Task<Answer> SendAsync(
        string kind, HttpMethod method, string path, object? body, string? bearer, bool operatorCall, long since, bool read)
    {
        var start = since == 0 ? Stopwatch.GetTimestamp() : since;
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, CommandJson.Wire));
            request.Content.Headers.ContentType = Json;
        }

        if (operatorCall && operatorKey is not null)
        {
            request.Headers.Add(HttpCall.OperatorKeyHeader, operatorKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        Answer answer;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                answer = new Answer(status, null, read ? await ParseAsync(response) : null);
            }
            else
            {
                answer = new Answer(status, ProblemCode(await ParseAsync(response)) ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            }
        }
        catch (TaskCanceledException)
        {
            answer = new Answer(0, "timeout", null);
        }
        catch (HttpRequestException)
        {
            answer = new Answer(0, "connection", null);
        }

        stats.Record(kind, Stopwatch.GetElapsedTime(start), answer.Error, answer.Status);
        return answer;
    }

    private static async Task<JsonElement?> ParseAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ProblemCode(JsonElement? problem) =>
        problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            && Encoding.UTF8.GetByteCount(code.GetString()!) <= 64
            ? code.GetString()
            : null;
}
