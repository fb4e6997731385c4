using System.Net;
using Actors.Providers.Hosting;
using Actors.Providers.Zones;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Actors.Silo.Cluster;

/// <summary>
/// Everything between a configuration and a configured <see cref="ISiloBuilder"/>: cluster identity, the addresses the silo
/// binds to and advertises, storage with clustering and reminders, zones, failure-detection timings, and mutual TLS. Called as
/// <c>builder.UseOrleans(silo => SiloClusterSetup.Configure(silo, builder.Configuration, builder.Environment))</c>.
/// </summary>
internal static class SiloClusterSetup
{
    private const string MemoryStorage = "memory";

    /// <summary>
    /// Configures <paramref name="silo"/> from the <c>Silo</c> and <c>Storage</c> sections. Throws
    /// <see cref="OptionsValidationException"/> (one failure per problem, each naming its key) before anything listens when the
    /// settings are unusable or the certificate <c>Silo:Tls:CertificatePath</c> names cannot be used.
    /// </summary>
    public static void Configure(ISiloBuilder silo, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(SiloClusterOptions.SectionName);
        var options = section.Get<SiloClusterOptions>() ?? new SiloClusterOptions();
        var contentRoot = environment.ContentRootPath;

        // The addresses, ports and certificate shape the builder itself, so they are checked now rather than at start.
        var failures = SiloClusterOptionsValidator.Failures(options, contentRoot);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SiloClusterOptions.SectionName, typeof(SiloClusterOptions), failures);
        }

        silo.Services.AddOptions<SiloClusterOptions>().Bind(section).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<SiloClusterOptions>>(new SiloClusterOptionsValidator(contentRoot));
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });

        ConfigureStorage(silo, configuration, options);
        ConfigureEndpoints(silo, options);
        silo.Configure<ClusterMembershipOptions>(options.Membership.ApplyTo);
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
        silo.Configure<ConnectionOptions>(connections => connections.OpenConnectionTimeout = options.ConnectTimeout);
        silo.UseZonePlacement(options.Zone);
        if (!string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
        {
            SiloTls.Configure(silo, options.Tls, contentRoot);
        }

        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new SiloClusterStartLog(
            services.GetRequiredService<ILocalSiloDetails>(), services.GetRequiredService<ILogger<SiloClusterStartLog>>(), options));
    }

    private static void ConfigureStorage(ISiloBuilder silo, IConfiguration configuration, SiloClusterOptions options)
    {
        if (!string.Equals(configuration["Storage:Provider"], MemoryStorage, StringComparison.OrdinalIgnoreCase))
        {
            // Grain storage, membership and reminders on the one database the Storage section names.
            silo.AddActorsGrainStorage(configuration).UseActorsMembership(configuration).UseActorsReminders(configuration);
            return;
        }

        // In-memory storage lives in one process, so its cluster is this one silo: Orleans's localhost clustering.
        silo.UseLocalhostClustering(options.Port, options.GatewayPort, primarySiloEndpoint: null, options.ServiceId, options.ClusterId);
        silo.AddActorsGrainStorage(configuration);
        silo.UseActorsReminders(configuration);

        // A lone silo has no peer to probe, and its own heartbeat judged on a clock that tests drive (a fake TimeProvider
        // advanced by hours) would declare it dead: failure detection is off for this one-process cluster.
        silo.Configure<ClusterMembershipOptions>(membership => membership.LivenessEnabled = false);
    }

    // After the clustering choice, which may set endpoints of its own: the configured address wins.
    private static void ConfigureEndpoints(ISiloBuilder silo, SiloClusterOptions options)
    {
        var address = IPAddress.Parse(options.Address);
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.AdvertisedIPAddress = address;
            endpoints.SiloPort = options.Port;
            endpoints.GatewayPort = options.GatewayPort;
            endpoints.SiloListeningEndpoint = new IPEndPoint(address, options.Port);
            endpoints.GatewayListeningEndpoint = new IPEndPoint(address, options.GatewayPort);
        });
    }
}
