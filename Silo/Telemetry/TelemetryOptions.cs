namespace Actors.Silo.Telemetry;

/// <summary>Metrics, traces and their exporters. Bound from the <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Whether the silo collects metrics and traces at all. Default true; false leaves out OpenTelemetry, Orleans's activity
    /// propagation, <c>/metrics</c> and OTLP (the domain's counters then cost one unobserved call each).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether <c>GET /metrics</c> serves the metrics in the Prometheus text format. Default true.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// An OpenTelemetry collector's OTLP/HTTP base URL (absolute http or https, e.g. <c>http://collector:4318</c>): when set,
    /// metrics and traces are also pushed there. Unset: no push, and no spans are recorded.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Whether <paramref name="value"/> is unset or an absolute http or https URI.</summary>
    internal static bool IsEndpoint(string? value) =>
        string.IsNullOrEmpty(value) || (Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0);
}
