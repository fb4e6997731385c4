using System.Net;
using System.Text;
using System.Text.Json;

namespace Actors.Silo.Tests;

/// <summary>
/// What the framework refuses before a route runs (no body, a body that is not JSON, an unknown route, a wrong method, a body
/// too large, a wrong content type) is a problem with a stable code and a detail in the API's own words.
/// </summary>
public sealed class RequestProblemTests : RouteTestBase
{
    [Theory]
    [InlineData("", "application/json")]
    [InlineData(null, null)]
    public async Task A_missing_body_is_a_400_body_required_in_plain_words(string? body, string? contentType)
    {
        var reply = await SendAsync(HttpMethod.Put, "/api/pools/p", body, contentType);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal("body_required", Code(reply.Body));
        AssertPlain(reply.Body);
        Assert.True(reply.Body.GetProperty("errors").TryGetProperty("body", out _), reply.Body.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/pools/p")).Status);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("   ", "body")]
    [InlineData("""{"ratePerSecond":""", "ratePerSecond")]
    [InlineData("""{"ratePerSecond":"1","ratePerSecond":"2"}""", "ratePerSecond")]
    public async Task A_body_that_is_not_the_routes_json_is_a_400_malformed_request_in_plain_words(string body, string field)
    {
        var reply = await SendAsync(HttpMethod.Put, "/api/pools/p", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("malformed_request", Code(reply.Body));
        AssertPlain(reply.Body);
        Assert.True(reply.Body.GetProperty("errors").TryGetProperty(field, out _), reply.Body.ToString());
    }

    [Fact]
    public async Task A_duplicated_key_is_named_as_duplicated()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/pools/p/fund", """{"amount":"1","amount":"999999"}""", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var reason = reply.Body.GetProperty("errors").GetProperty("amount")[0].GetString();
        Assert.Contains("more than once", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", HttpStatusCode.NotFound, "not_found")]
    [InlineData("DELETE", "/api/pools/p", HttpStatusCode.MethodNotAllowed, "method_not_allowed")]
    public async Task An_unknown_route_or_a_wrong_method_is_a_problem_with_a_code(string method, string path, HttpStatusCode status, string code)
    {
        var reply = await SendAsync(new HttpMethod(method), path, null, null);

        Assert.Equal(status, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal(code, Code(reply.Body));
    }

    [Fact]
    public async Task A_body_too_large_is_a_413_payload_too_large_problem_naming_the_body()
    {
        var body = $$"""{"ratePerSecond":"1","pad":"{{new string('x', 70_000)}}"}""";

        var reply = await SendAsync(HttpMethod.Put, "/api/pools/p", body, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal("payload_too_large", Code(reply.Body));
        Assert.True(reply.Body.GetProperty("errors").TryGetProperty("body", out _), reply.Body.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/pools/p")).Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_is_a_415_unsupported_media_type_problem(string contentType)
    {
        var reply = await SendAsync(HttpMethod.Put, "/api/pools/p", """{"ratePerSecond":"1"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.Equal("unsupported_media_type", Code(reply.Body));
        AssertPlain(reply.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/pools/p")).Status);
    }

    private static string? Code(JsonElement problem) => problem.TryGetProperty("code", out var code) ? code.GetString() : null;

    // The detail speaks of the API's request, not of the framework's parameters and inference.
    private static void AssertPlain(JsonElement problem)
    {
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(detail), problem.ToString());
        foreach (var internals in new[] { "Implicit body", "parameter", "inferred", "Service instead", "PoolTermsRequest" })
        {
            Assert.DoesNotContain(internals, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<Reply> SendAsync(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Operator-Key", OperatorKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Api.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }
}
