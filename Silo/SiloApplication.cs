using System.Net;
using Actors.Silo.Activations;
using Actors.Silo.Cluster;
using Actors.Silo.Dashboard;
using Actors.Silo.Gateway;
using Actors.Silo.Http;
using Actors.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Silo;

/// <summary>
/// Composes the silo: an Orleans silo (<c>UseOrleans</c>) with the grains and the project's providers, and on the same ASP.NET
/// Core host the REST gateway, which calls grains through the in-process <see cref="IGrainFactory"/>, the health and
/// cluster endpoints, and the operator area: the Orleans dashboard and the project's operator pages behind the operator login.
/// </summary>
public static class SiloApplication
{
    /// <summary>The configuration key of how long a graceful stop waits for the silo to leave the cluster. Default one minute.</summary>
    public const string ShutdownTimeoutKey = "Silo:ShutdownTimeout";

    /// <summary>
    /// Builds the application from command-line arguments, environment variables and appsettings.json. Throws
    /// <see cref="OptionsValidationException"/> (or the binder's <see cref="InvalidOperationException"/>)
    /// for bad settings, which <see cref="ConfigurationErrors"/> turns into one line.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var http = builder.Configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new HttpOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Kestrel is configured while the host is built, before the validation below: a bad address or port listens nowhere
            // here and is reported, naming its setting, by that validation.
            if (http.Listens(out var address))
            {
                kestrel.Listen(address, http.Port);
            }
        });
        builder.Services.AddOptions<HttpOptions>().Bind(builder.Configuration.GetSection(HttpOptions.SectionName))
            .Validate(o => o.Port is >= 1 and <= 65535, "Http:Port must be a TCP port from 1 to 65535.")
            .Validate(o => IPAddress.TryParse(o.Address, out _), "Http:Address must be an IP address (0.0.0.0 for every interface).")
            .ValidateOnStart();

        var operatorArea = builder.AddOperatorArea();
        builder.UseOrleans(silo =>
        {
            SiloClusterSetup.Configure(silo, builder.Configuration, builder.Environment);
            ActivationCounts.AddTo(silo);
            DashboardComposition.AddDashboardTo(silo, operatorArea);
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloStatusLog>();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddGrainOptions(builder.Configuration);
        var shutdown = builder.Configuration.GetValue(ShutdownTimeoutKey, TimeSpan.FromMinutes(1));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown + TimeSpan.FromSeconds(5));

        builder.AddGateway();
        builder.AddTelemetry();
        builder.Services.AddSingleton<SiloZoneNames>();
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [HealthEndpoints.ReadyTag]);

        var app = builder.Build();
        // Every ValidateOnStart check, now: a bad setting stops the start before any service runs or logs (ConfigurationErrors).
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseOperatorArea(operatorArea); // before the gateway: its gate answers every dashboard and page path first
        app.MapTelemetry();
        app.UseGateway();
        app.MapHealthEndpoints();
        app.MapClusterEndpoints();
        return app;
    }
}
