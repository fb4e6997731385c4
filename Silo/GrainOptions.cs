using Actors.Grains.Recovery;
using Actors.Grains.Wallets;

namespace Actors.Silo;

/// <summary>The grains' own options (<c>Wallets</c>, <c>Recovery</c>), bound here and validated when the silo starts.</summary>
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
        return services;
    }
}
