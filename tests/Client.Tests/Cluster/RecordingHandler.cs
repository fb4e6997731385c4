using System.Net;
using System.Text;

namespace Actors.Client.Tests.Cluster;

/// <summary>
/// Records every request (method, URL, headers, body) and answers it: through an inner handler (a real host) when given,
/// otherwise with <see cref="Answer"/> (default 200 and a small JSON object).
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler? inner = null) : DelegatingHandler(inner ?? new HttpClientHandler())
{
    private readonly bool _forward = inner is not null;

    public List<RecordedRequest> Requests { get; } = [];

    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => Json(HttpStatusCode.OK, """{"ok":true}""");

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)), body,
            request.Content?.Headers.ContentType?.MediaType));
        return _forward ? await base.SendAsync(request, cancellationToken) : Answer(request);
    }
}

/// <summary>A request as it was sent.</summary>
internal sealed record RecordedRequest(string Method, Uri Url, Dictionary<string, string> Headers, string? Body, string? ContentType)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
