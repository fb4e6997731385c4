using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;

namespace Actors.Silo.Dashboard;

/// <summary>
/// Composes the operator area on the silo's web host: the Orleans dashboard (Microsoft.Orleans.Dashboard) at
/// <see cref="OperatorArea.DashboardPath"/> unless <c>Dashboard:Enabled</c> is false, its collection started on demand
/// (<see cref="DashboardCollection"/>), the operator login and the operator pages, all behind <see cref="OperatorArea"/>.
/// </summary>
internal static class DashboardComposition
{
    public static DashboardSettings AddOperatorArea(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DashboardSettings.SectionName);
        var settings = section.Get<DashboardSettings>() ?? new DashboardSettings();
        builder.Services.AddOptions<DashboardSettings>().Bind(section)
            .Validate(o => o.IdleTimeout >= TimeSpan.FromSeconds(1), "Dashboard:IdleTimeout must be at least one second.")
            .Validate(o => o.LoginLifetime > TimeSpan.Zero, "Dashboard:LoginLifetime must be positive.")
            .ValidateOnStart();
        OperatorLogin.AddTo(builder.Services, settings);
        builder.Services.AddSingleton<OpsData>();
        return settings;
    }

    /// <summary>Adds the Orleans dashboard to the silo, its host service taken out of the hosted services to start on demand.</summary>
    public static void AddDashboardTo(ISiloBuilder silo, DashboardSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        // The trace endpoint would stream every log line of the silo to a browser for an hour: it stays off.
        silo.AddDashboard(options => options.HideTrace = true);
        var host = silo.Services.Single(d => d.ServiceType == typeof(IHostedService) && HostTypeOf(d)?.Assembly == typeof(DashboardOptions).Assembly);
        silo.Services.Remove(host);
        silo.Services.TryAddSingleton(new DashboardHostType(HostTypeOf(host)!));
        silo.Services.TryAddSingleton<DashboardCollection>();
        silo.AddOutgoingGrainCallFilter<DashboardIdleSampling>();
    }

    // The package registers its host as a type or through a factory (Func<IServiceProvider, DashboardHost>).
    private static Type? HostTypeOf(ServiceDescriptor descriptor) =>
        descriptor.IsKeyedService ? null : descriptor.ImplementationType ?? descriptor.ImplementationFactory?.GetType().GetGenericArguments()[^1];

    public static void UseOperatorArea(this WebApplication app, DashboardSettings settings)
    {
        app.UseMiddleware<OperatorArea>();
        app.MapLogin();
        app.MapOpsPages();
        if (settings.Enabled)
        {
            app.MapOrleansDashboard(OperatorArea.DashboardPath).ExcludeFromDescription();
        }
    }
}
