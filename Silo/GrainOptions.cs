using Actors.Grains.Logins;
using Actors.Grains.Recovery;
using Actors.Providers.Hosting;
using Actors.Silo.Logins;
using Actors.Grains.Wallets;

namespace Actors.Silo;

/// <summary>The grains' own options (<c>Wallets</c>, <c>Recovery</c>, <c>Logins</c>) and services, bound here and validated when the silo starts.</summary>
internal static class GrainOptions
{
    public static IServiceCollection AddGrainOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WalletOptions>().Bind(configuration.GetSection(WalletOptions.Section))
            .Validate(o => o.SensitiveOperationsPerMinute >= 0, "Wallets:SensitiveOperationsPerMinute must be 0 (no limit) or more.")
            .ValidateOnStart();
        services.AddOptions<RecoveryOptions>().Bind(configuration.GetSection(RecoveryOptions.Section))
            .Validate(o => o.Delay >= TimeSpan.Zero && o.HighRiskDelay >= o.Delay,
                "Recovery:Delay must not be negative, and Recovery:HighRiskDelay not shorter than it.")
            .Validate(o => o.ChainId > 0, "Recovery:ChainId must be positive.")
            .ValidateOnStart();
        services.AddOptions<LoginOptions>().Bind(configuration.GetSection(LoginOptions.Section))
            .Validate(o => o.BatchInterval >= TimeSpan.FromSeconds(1), "Logins:BatchInterval must be at least one second.")
            .Validate(o => o.BatchMaxRecords is >= 1 and <= 10_000_000, "Logins:BatchMaxRecords must be 1 to 10000000.")
            .Validate(o => o.Retention >= TimeSpan.FromDays(1), "Logins:Retention must be at least one day.")
            .Validate(o => o.RecentRecords is >= 1 and <= 1_000, "Logins:RecentRecords must be 1 to 1000.")
            .Validate(o => o.HmacKeys.All(k => k.Key >= 1 && k.Value is { Length: >= 16 }),
                "Logins:HmacKeys are versions from 1, each a key of at least 16 characters.")
            .Validate(o => o.Anomaly.RefusedBurst >= 1 && o.Anomaly.Countries >= 2 && o.Anomaly.RefusedWindow > TimeSpan.Zero
                && o.Anomaly.CountryWindow > TimeSpan.Zero && o.Anomaly.FreezeDuration > TimeSpan.Zero,
                "Logins:Anomaly needs RefusedBurst >= 1, Countries >= 2 and positive windows and freeze duration.")
            .ValidateOnStart();
        services.AddSingleton<LoginKeyRing>();
        services.AddActorsLoginStore(configuration);
        services.AddSingleton<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>, LoginBatcherStart>();
        return services;
    }
}
