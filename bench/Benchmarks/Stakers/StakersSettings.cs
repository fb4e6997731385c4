using Actors.Benchmarks.Load;

namespace Actors.Benchmarks.Stakers;

/// <summary>Settings of the stakers mode, from <c>--name value</c> arguments.</summary>
/// <param name="Wallets">Wallet grains activated, each staking into the crowded pool.</param>
/// <param name="Claims">Claims per measured round.</param>
/// <param name="Rounds">Measured rounds; medians are reported.</param>
/// <param name="InFlight">Stakes in flight while the wallets are activated.</param>
/// <param name="Sample">Stakers of the crowded pool that make its claims, spread over the wallets.</param>
/// <param name="Provider">Grain storage: memory (the providers' in-process store), or sqlite on a temporary folder.</param>
internal sealed record StakersSettings(int Wallets, int Claims, int Rounds, int InFlight, int Sample, string Provider)
{
    public static StakersSettings Parse(string[] args)
    {
        var settings = new StakersSettings(
            Arguments.Int(args, "--wallets", 1_000_000),
            Arguments.Int(args, "--claims", 5_000),
            Arguments.Int(args, "--rounds", 5),
            Arguments.Int(args, "--in-flight", 64),
            Arguments.Int(args, "--sample", 16),
            Arguments.Get(args, "--provider") ?? "memory");
        return settings.Provider is "memory" or "sqlite"
            ? settings
            : throw new ArgumentException("--provider takes memory or sqlite.");
    }
}
