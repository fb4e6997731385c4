using Actors.Grains.Telemetry;
using Actors.Providers.Storage;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Actors.Silo.Telemetry;

/// <summary>
/// OpenTelemetry on the silo's host: the meters of Orleans, ASP.NET Core, the .NET runtime, the process, Npgsql, the storage
/// and the domain, served at <c>GET /metrics</c> (Prometheus text) and pushed to <c>Telemetry:OtlpEndpoint</c> when set; spans of
/// HTTP requests, grain calls (Orleans's activity propagation carries the trace from call to call) and storage, pushed to the
/// same endpoint.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service name in every resource.</summary>
    public const string ServiceName = "actors";

    /// <summary>The route of the Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The meters exported: Orleans, the providers' storage and the domain's own.</summary>
    public static readonly IReadOnlyList<string> Meters = ["Microsoft.Orleans", StorageActivities.SourceName, ActorsMetrics.MeterName];

    /// <summary>The activity sources traced: Orleans's grain calls and storage, and the providers' storage.</summary>
    public static readonly IReadOnlyList<string> Sources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", StorageActivities.SourceName];

    /// <summary>Registers telemetry as <c>Telemetry</c> configures it; a bad setting stops the start (ConfigurationErrors).</summary>
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        builder.Services.AddOptions<TelemetryOptions>().Bind(section)
            .Validate(o => TelemetryOptions.IsEndpoint(o.OtlpEndpoint),
                "Telemetry:OtlpEndpoint must be an absolute http or https URI (an OTLP/HTTP collector, e.g. http://collector:4318).")
            .ValidateOnStart();
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return;
        }

        // A bad endpoint registers no exporter; the validation above then stops the start, naming the setting.
        var otlp = !string.IsNullOrEmpty(options.OtlpEndpoint) && TelemetryOptions.IsEndpoint(options.OtlpEndpoint)
            ? new Uri(options.OtlpEndpoint.TrimEnd('/') + "/")
            : null;
        builder.UseOrleans(silo => silo.AddActivityPropagation());

        // The sources apply to whichever tracer provider is built: OTLP's below, or one a test adds with its own exporter.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource([.. Sources])
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
            .AddNpgsql());
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters])
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, otlp, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(o => Otlp(o, otlp, "v1/traces")));
        }
    }

    /// <summary>Serves <c>GET /metrics</c> when telemetry and its Prometheus exporter are on.</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Enabled && options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        }
    }

    // OTLP over HTTP with protobuf: the collector's base URL and each signal's path under it.
    private static void Otlp(OtlpExporterOptions exporter, Uri endpoint, string signal)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(endpoint, signal);
    }
}
