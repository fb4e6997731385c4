using Actors.Runtime.Diagnostics;
using Actors.Runtime.Serialization;
using Actors.Runtime.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>Adds a silo to a host.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo runtime: options bound from the <c>Silo</c> and <c>Storage</c> sections and validated at start, the
    /// configured storage provider, the grain factory, the silo port on the host's Kestrel server (the host must be a web
    /// host), and a hosted service that starts and stops the silo.
    /// Services registered before this call (a <see cref="TimeProvider"/>, an <see cref="IGrainStorage"/>, an
    /// <see cref="Membership.IMembershipTable"/>, an <see cref="Reminders.IReminderTable"/>) take precedence.
    /// </summary>
    public static IServiceCollection AddActorSilo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SiloOptions>()
            .Bind(configuration.GetSection(SiloOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ResponseTimeout > TimeSpan.Zero && o.CollectionAge > TimeSpan.Zero && o.CollectionQuantum > TimeSpan.Zero,
                "Silo timings (ResponseTimeout, CollectionAge, CollectionQuantum) must be positive.")
            .ValidateOnStart();
        services.AddOptions<Membership.MembershipOptions>()
            .Bind(configuration.GetSection($"{SiloOptions.SectionName}:Membership"))
            .Validate(o => o.HeartbeatPeriod > TimeSpan.Zero && o.DeathTimeout > o.HeartbeatPeriod && o.ProbeTimeout > TimeSpan.Zero && o.MissedProbesLimit > 0 && o.VotesForDeath > 0,
                "Silo:Membership timings must be positive, with DeathTimeout longer than HeartbeatPeriod.")
            .ValidateOnStart();
        services.AddOptions<Reminders.ReminderOptions>()
            .Bind(configuration.GetSection(Reminders.ReminderOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Reminders.ReminderOptions>, ReminderOptionsValidator>();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton<IGrainStateSerializer, JsonGrainStateSerializer>();
        services.TryAddSingleton(sp => GrainStorageFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(sp => Membership.MembershipTableFactory.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => Reminders.ReminderTableFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<SiloRuntime>();
        services.TryAddSingleton<ILocalSilo>(sp => sp.GetRequiredService<SiloRuntime>());
        services.TryAddSingleton(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.TryAddSingleton<Messaging.SiloConnectionHandler>();
        services.TryAddSingleton<Messaging.GatewayConnectionHandler>();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>, SiloEndpointsSetup>();
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    private sealed class ReminderOptionsValidator : IValidateOptions<Reminders.ReminderOptions>
    {
        public ValidateOptionsResult Validate(string? name, Reminders.ReminderOptions options) =>
            options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            GrainStorageFactory.Validate(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
