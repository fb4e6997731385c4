using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Actors.Silo.Http;

/// <summary><c>/healthz</c> (the process is up) and <c>/readyz</c> (the silo is Active in the cluster and its storage answers).</summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).WithTags("Health");
    }
}
