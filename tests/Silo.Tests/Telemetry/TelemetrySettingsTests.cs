using System.Net;
using Microsoft.Extensions.Options;

namespace Actors.Silo.Tests.Telemetry;

/// <summary>The <c>Telemetry</c> settings: a bad OTLP endpoint stops the start in one line; telemetry off serves no metrics.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector/")]
    [InlineData("/v1/traces")]
    public async Task An_otlp_endpoint_that_is_no_http_uri_stops_the_silo_with_one_line_naming_it(string value)
    {
        await using var factory = new SiloFactory();
        factory.Settings["Telemetry:OtlpEndpoint"] = value;

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        var line = ConfigurationErrors.Describe(error);
        Assert.NotNull(line);
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("Configuration error: Telemetry:OtlpEndpoint must be an absolute http or https URI", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_telemetry_off_there_is_no_metrics_route()
    {
        await using var factory = new SiloFactory();
        factory.Settings["Telemetry:Enabled"] = "false";
        using var client = factory.CreateClient();

        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
