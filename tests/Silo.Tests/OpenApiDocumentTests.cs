using System.Net.Http.Json;
using System.Text.Json;

namespace Actors.Silo.Tests;

/// <summary>
/// The OpenAPI document tells a client what to send and what can come back: optional request fields are not required, and each
/// route declares the problem statuses it answers, each with the problem schema and its code.
/// </summary>
public sealed class OpenApiDocumentTests(OpenApiDocumentTests.Document document) : IClassFixture<OpenApiDocumentTests.Document>
{
    public static TheoryData<string, string, string, bool> RequestFields() => new()
    {
        { "put", "/api/pools/{poolId}", "ratePerSecond", true },
        { "put", "/api/pools/{poolId}", "startsAt", false },
        { "put", "/api/pools/{poolId}", "endsAt", false },
        { "put", "/api/pools/{poolId}", "stakeAsset", false },
        { "put", "/api/wallets/{address}/guardians", "guardians", true },
        { "put", "/api/wallets/{address}/guardians", "threshold", false },
        { "post", "/api/wallets/{address}/freeze", "reason", false },
        { "post", "/api/collections/{collectionId}/tokens/{tokenId}/approve", "approved", false },
        { "post", "/api/wallets/{address}/stake", "amount", true },
        { "post", "/api/auth/verify", "message", true },
        { "post", "/api/auth/verify", "deviceFingerprint", false },
        { "post", "/api/recoveries", "wallet", true },
        { "post", "/api/recoveries", "geo", false },
    };

    [Theory]
    [MemberData(nameof(RequestFields))]
    public void A_request_field_is_required_exactly_when_the_route_needs_it(string method, string path, string field, bool required)
    {
        var schema = document.Resolve(document.Operation(method, path)
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        Assert.True(schema.GetProperty("properties").TryGetProperty(field, out _), $"{field} is not a property of the body");
        var requiredFields = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(f => f.GetString()).ToList() : [];
        Assert.Equal(required, requiredFields.Contains(field));
    }

    public static TheoryData<string, string, int[]> DeclaredProblems() => new()
    {
        { "put", "/api/pools/{poolId}", [400, 401, 409, 413, 415, 429, 503] },
        { "post", "/api/pools/{poolId}/fund", [400, 401, 404, 409, 429, 503] },
        { "get", "/api/pools/{poolId}", [400, 404, 503] },
        { "get", "/api/wallets/{address}", [404, 503] },
        { "post", "/api/wallets/{address}/stake", [400, 401, 403, 404, 409, 429, 503] },
        { "post", "/api/wallets/{address}/withdrawals", [401, 403, 409, 423, 429] },
        { "get", "/api/wallets/{address}/withdrawals", [400, 401, 403, 503] },
        { "post", "/api/collections/{collectionId}/tokens/{tokenId}/transfer", [401, 403, 404, 409, 423, 429] },
        { "post", "/api/recoveries/{requestId}/approvals", [400, 404, 409, 429] },
        { "post", "/api/auth/verify", [400, 401, 429] },
        { "get", "/api/cluster/silos", [503] },
    };

    [Theory]
    [MemberData(nameof(DeclaredProblems))]
    public void A_route_declares_the_problems_it_answers_with_the_problem_schema(string method, string path, int[] statuses)
    {
        var responses = document.Operation(method, path).GetProperty("responses");

        foreach (var status in statuses)
        {
            Assert.True(responses.TryGetProperty($"{status}", out var response), $"{method} {path} does not declare {status}");
            var schema = document.Resolve(response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema"));
            Assert.True(schema.GetProperty("properties").TryGetProperty("code", out _), $"the {status} schema has no code");
            Assert.Contains("code", schema.GetProperty("required").EnumerateArray().Select(f => f.GetString()));
        }
    }

    [Theory]
    [InlineData("get", "/api/pools/{poolId}")]
    [InlineData("get", "/api/wallets/{address}")]
    [InlineData("get", "/api/collections/{collectionId}/tokens/{tokenId}")]
    public void A_public_read_declares_no_credential_idempotency_or_rate_limit_problem(string method, string path)
    {
        var responses = document.Operation(method, path).GetProperty("responses");

        foreach (var status in new[] { "401", "403", "409", "429" })
        {
            Assert.False(responses.TryGetProperty(status, out _), $"{method} {path} declares {status}");
        }
    }

    /// <summary>The document of one silo, fetched once for the class.</summary>
    public sealed class Document : IAsyncLifetime
    {
        private readonly SiloFactory _factory = new();
        private JsonElement _root;

        public async Task InitializeAsync()
        {
            using var client = _factory.CreateClient();
            _root = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();

        public JsonElement Operation(string method, string path) => _root.GetProperty("paths").GetProperty(path).GetProperty(method);

        /// <summary>The schema itself, following a <c>$ref</c> into the components (and past the null of an optional body).</summary>
        public JsonElement Resolve(JsonElement schema) =>
            schema.TryGetProperty("$ref", out var reference)
                ? _root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema.TryGetProperty("oneOf", out var choices)
                ? Resolve(Assert.Single(choices.EnumerateArray(), choice => !choice.TryGetProperty("type", out var type) || type.GetString() != "null"))
            : schema;
    }
}
