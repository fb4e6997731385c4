using System.Globalization;
using System.Runtime;
using Actors.Benchmarks.Grains;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Load;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Wallets;
using Actors.Providers.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Actors.Benchmarks.Stakers;

/// <summary>
/// DESIGN.md section 6 for the production grains: a wallet's claim costs the same in a pool with 1 staker and in one with N
/// (accrual through a global reward index), and N activated wallets, each holding a position, fit in 2 GB of process memory.
/// One Orleans silo in this process hosts the production wallet and reward-pool grains. Claims are made by one caller, one
/// after another, each with a fresh operation id and with the grains' clock one second later than the claim before (so
/// every claim settles real accrual). The crowded pool's claims are made by a sample of its stakers in turn. Before the
/// measured rounds every claiming wallet makes <see cref="WalletGrain.RememberedOperations"/> claims, so that each holds a
/// full list of remembered operations (the size its stored state keeps from then on) in both pools alike.
/// </summary>
internal static class StakersScenario
{
    public const string SoloPool = "bench-solo";
    public const string CrowdedPool = "bench-crowded";
    public static readonly UInt256 Token = UInt256.Pow10(18);

    // A wallet's key is its address in lowercase: 0x and 40 hex digits.
    public static string WalletKey(int i) => string.Create(CultureInfo.InvariantCulture, $"0x{i:x40}");

    public static async Task RunAsync(StakersSettings settings)
    {
        var clock = new SteppedClock();
        var folder = Directory.CreateTempSubdirectory("bench-stakers-");
        try
        {
            await using var silo = await BenchSilo.StartAsync(new BenchSiloOptions
            {
                Time = clock,
                Settings = new() { ["Storage:Provider"] = settings.Provider, ["Storage:Path"] = folder.FullName },
                Configure = (builder, configuration) =>
                {
                    builder.AddActorsGrainStorage(configuration);
                    builder.Services.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 0);

                    // Nothing idle may be collected while the wallets are counted: ages far beyond any run.
                    builder.Services.Configure<GrainCollectionOptions>(o =>
                    {
                        o.CollectionQuantum = TimeSpan.FromDays(40);
                        o.CollectionAge = TimeSpan.FromDays(41);
                    });
                },
            });
            await RunAsync(settings, silo.GrainFactory, clock);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(StakersSettings settings, IGrainFactory factory, SteppedClock clock)
    {
        var n = settings.Wallets;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cores: {Environment.ProcessorCount}, server GC: {GCSettings.IsServerGC}, storage: {Describe(settings.Provider)}"));
        var start = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var poolId in new[] { SoloPool, CrowdedPool })
        {
            var pool = factory.GetGrain<IRewardPoolGrain>(poolId);
            await pool.Create(new PoolTerms(Token, start, start + (20L * 365 * 24 * 3600)));
            await pool.Fund("fund", Token * Token);
        }

        var ping = factory.GetGrain<IPingGrain>("baseline");
        var solo = factory.GetGrain<IWalletGrain>(WalletKey(int.MaxValue));
        await ping.Ping(0);
        await solo.CreditDeposit("deposit", PoolAssets.DefaultStake, Token);
        await solo.Stake("stake", SoloPool, Token);
        var claimers = Enumerable.Range(0, settings.Sample)
            .Select(s => factory.GetGrain<IWalletGrain>(WalletKey((int)((long)s * n / settings.Sample)))).ToArray();
        var claimId = 0L;
        Func<int, Task<UInt256>> ClaimFrom(IWalletGrain[] from, string poolId) => async i =>
        {
            clock.Step(TimeSpan.FromSeconds(1));
            var claim = await from[i % from.Length].Claim($"claim-{++claimId}", poolId);
            return claim.Paid;
        };

        var claimSolo = ClaimFrom([solo], SoloPool);
        var claimCrowded = ClaimFrom(claimers, CrowdedPool);
        async Task<UInt256> PingOnce(int i)
        {
            await ping.Ping(i);
            return UInt256.Zero;
        }

        // a) one staker, before the crowd exists (after a warm-up that also fills the wallet's remembered operations).
        await SequentialLoad.RepeatAsync(Math.Max(WalletGrain.RememberedOperations, settings.Claims), claimSolo);
        var results = new List<LoadResult>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            results.Add((await SequentialLoad.MeasureAsync("claim, 1 staker, before", settings.Claims, claimSolo)).Result);
        }

        // b) N wallets, each staking into the crowded pool.
        var empty = Footprint.Measure();
        await SequentialLoad.ActivateAsync("wallets with a stake each", n, settings.InFlight,
            async i =>
            {
                // Credited on the wallet directly (not through a deposit grain), so that the crowd is one activation per wallet.
                var wallet = factory.GetGrain<IWalletGrain>(WalletKey(i));
                await wallet.CreditDeposit("deposit", PoolAssets.DefaultStake, Token);
                await wallet.Stake("stake", CrowdedPool, Token);
            });
        var info = await factory.GetGrain<IRewardPoolGrain>(CrowdedPool).GetInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crowded pool: {info.TotalShares / Token} tokens of shares staked"));

        // c) alternating rounds on the same heap: baseline grain call, one staker, N stakers.
        await SequentialLoad.RepeatAsync(WalletGrain.RememberedOperations * settings.Sample, claimCrowded);
        var paid = new UInt256[2];
        for (var round = 0; round < settings.Rounds; round++)
        {
            results.Add((await SequentialLoad.MeasureAsync(StakersReport.Baseline, settings.Claims, PingOnce)).Result);

            // Which pool goes first alternates, so that neither always meets the collection the other's garbage started.
            for (var turn = 0; turn < 2; turn++)
            {
                var crowded = (turn + round) % 2 == 1;
                var (result, total) = await SequentialLoad.MeasureAsync(
                    crowded ? StakersReport.Crowded(n) : StakersReport.Solo, settings.Claims, crowded ? claimCrowded : claimSolo);
                results.Add(result);
                paid[crowded ? 1 : 0] += total;
            }
        }

        StakersReport.PrintClaims(settings, results, paid);

        // d) memory with the N wallets active (the management grain counts every activation of the silo).
        var full = Footprint.Measure();
        var activations = await factory.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        StakersReport.PrintMemory(settings, activations, empty, full);

        // e) the baseline of the memory figure, in the same process: as many trivial grains, each activated by one call.
        await SequentialLoad.ActivateAsync("trivial grains (baseline)", n, settings.InFlight,
            i => factory.GetGrain<IPingGrain>(string.Create(CultureInfo.InvariantCulture, $"bare-{i}")).Ping(i));
        StakersReport.PrintBaselineMemory(settings, full, Footprint.Measure());
    }

    private static string Describe(string provider) => provider == "sqlite"
        ? "sqlite on a temporary folder (stored state is on disk, not in process memory)"
        : "memory (the providers' in-process store: stored state is in process memory and counted below)";
}
