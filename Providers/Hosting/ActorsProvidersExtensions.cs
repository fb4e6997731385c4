using Actors.Providers.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Actors.Providers.Hosting;

/// <summary>Registers the providers with an Orleans silo.</summary>
public static partial class ActorsProvidersExtensions
{
    private const string DefaultStorage = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME;

    /// <summary>
    /// Binds and validates the <c>Storage</c> section (<see cref="StorageOptions"/>, checked when the silo starts) and registers
    /// the grain storage it names as Orleans's default storage, also reachable by the name <c>"Default"</c>: a
    /// <c>[PersistentState("wallet")]</c> without a storage name uses it. Its schema is migrated when the silo starts.
    /// </summary>
    /// <remarks>
    /// A host that brings its own storage registers it <em>before</em> this call, as Orleans's default
    /// (<c>services.AddSingleton&lt;IGrainStorage&gt;(storage)</c>) or by the name <c>"Default"</c>
    /// (<c>services.AddKeyedSingleton&lt;IGrainStorage&gt;("Default", storage)</c>). That storage then wins: this call makes it
    /// reachable both ways and creates none of its own, whatever <see cref="StorageOptions.Provider"/> says (tests share one
    /// <see cref="InMemoryGrainStorage"/>, or a fault-injecting wrapper of it, across the silos of an in-process cluster this way).
    /// Calling this method twice registers the storage once.
    /// </remarks>
    /// <param name="builder">The silo.</param>
    /// <param name="configuration">The configuration whose <c>Storage</c> section is read.</param>
    /// <returns>The silo, for chaining.</returns>
    public static ISiloBuilder AddActorsGrainStorage(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.AddActorsStorageOptions(configuration);
        var hostDefault = services.Any(d => d.ServiceType == typeof(IGrainStorage) && !d.IsKeyedService);
        var hostNamed = services.Any(
            d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, DefaultStorage));
        if (!hostDefault && !hostNamed)
        {
            // Orleans's own registration: by name, as the default, and in the silo lifecycle.
            services.AddGrainStorage(DefaultStorage, GrainStorageFactory.Create);
            return builder;
        }

        if (!hostNamed)
        {
            services.AddKeyedSingleton(DefaultStorage, (sp, _) => sp.GetRequiredService<IGrainStorage>());
        }

        if (!hostDefault)
        {
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(DefaultStorage));
        }

        return builder;
    }

    /// <summary>
    /// Keeps grain state, membership and reminders in the database the <c>Storage</c> section names: the three of
    /// <see cref="AddActorsGrainStorage"/>, <see cref="UseActorsMembership"/> and <see cref="UseActorsReminders"/>.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="configuration">The configuration whose <c>Storage</c> section is read.</param>
    /// <returns>The silo, for chaining.</returns>
    public static ISiloBuilder UseActorsStorage(this ISiloBuilder builder, IConfiguration configuration) =>
        builder.AddActorsGrainStorage(configuration).UseActorsMembership(configuration).UseActorsReminders(configuration);

    /// <summary>
    /// Binds the <c>Storage</c> section to <see cref="StorageOptions"/> and validates it when the host starts; the first call
    /// binds, later ones (by the storage, membership and reminders registrations) find it done.
    /// </summary>
    internal static IServiceCollection AddActorsStorageOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var bound = services.Any(d => !d.IsKeyedService
            && d.ServiceType == typeof(IValidateOptions<StorageOptions>)
            && d.ImplementationType == typeof(StorageOptionsValidator));
        if (bound)
        {
            return services;
        }

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        return services;
    }
}
