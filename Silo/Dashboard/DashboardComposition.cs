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

    /// <summary>
    /// Adds the Orleans dashboard to the silo with its host (the package's <c>DashboardHost</c>) taken out of the hosted
    /// services and out of the silo's lifecycle, to be started on demand by <see cref="DashboardCollection"/>.
    /// </summary>
    public static void AddDashboardTo(ISiloBuilder silo, DashboardSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        var before = silo.Services.ToHashSet();

        // The trace endpoint would stream every log line of the silo to a browser for an hour: it stays off.
        silo.AddDashboard(options => options.HideTrace = true);
        var host = silo.Services.Single(d => d.ServiceType == typeof(IHostedService) && HostTypeOf(d)?.Assembly == typeof(DashboardOptions).Assembly);
        var hostType = HostTypeOf(host)!;
        silo.Services.Remove(host);

        // The host also joins the silo's lifecycle, where it starts its exporter with the silo; the package's participants
        // are kept, but the host's participation is dropped (the collection runs it when a viewer comes).
        var participants = silo.Services
            .Where(d => !before.Contains(d) && d.ServiceType == typeof(ILifecycleParticipant<ISiloLifecycle>) && d.ImplementationFactory is not null)
            .ToList();
        foreach (var participant in participants)
        {
            var resolve = participant.ImplementationFactory!;
            silo.Services.Remove(participant);
            silo.Services.Add(new ServiceDescriptor(
                participant.ServiceType,
                sp => resolve(sp) is var resolved && resolved.GetType() == hostType ? NoParticipation.Instance : resolved,
                participant.Lifetime));
        }

        silo.Services.TryAddSingleton(new DashboardHostType(hostType));
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

/// <summary>Takes no part in the silo's lifecycle: what stands in for the dashboard host's participation.</summary>
internal sealed class NoParticipation : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly NoParticipation Instance = new();

    public void Participate(ISiloLifecycle lifecycle)
    {
    }
}
