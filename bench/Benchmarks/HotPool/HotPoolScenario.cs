using System.Globalization;
using Actors.Benchmarks.Hosting;
using Actors.Benchmarks.Load;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Wallets;
using Actors.Providers.Hosting;
using Actors.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Benchmarks.HotPool;

/// <summary>
/// Stakes per second into one pool staked by every wallet at once (the hot pool), against the same load spread over one pool
/// per caller (no pool shared) in the same run: the ratio says what sharing one pool costs. The production wallet and pool
/// grains run in one silo on the chosen storage; --callers callers each own --wallets / --callers wallets and stake one base
/// unit with one of them after another, each stake a full saga (intent, apply, result, confirm) answered once durable.
/// </summary>
internal static class HotPoolScenario
{
    private static readonly UInt256 Token = UInt256.Pow10(18);

    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadSettings settings, int wallets)
    {
        if (wallets < settings.Callers)
        {
            throw new ArgumentException("--wallets must be at least --callers: each caller stakes with wallets of its own.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cores: {Environment.ProcessorCount}, storage: {settings.Provider}, callers: {settings.Callers}, wallets: {wallets:N0}"));
        var results = new List<LoadResult>();
        for (var run = 0; run < settings.Runs; run++)
        {
            foreach (var hot in new[] { false, true })
            {
                results.Add(await MeasureAsync(settings, wallets, hot));
                Console.WriteLine("  " + results[^1]);
            }
        }

        return results;
    }

    public static string Name(bool hot, int callers) => hot ? $"stake, one pool x{callers:N0}" : $"stake, a pool per caller x{callers:N0}";

    private static async Task<LoadResult> MeasureAsync(LoadSettings settings, int wallets, bool hot)
    {
        var folder = Directory.CreateTempSubdirectory("bench-hotpool-");
        try
        {
            var config = new Dictionary<string, string?> { ["Storage:Provider"] = settings.Provider, ["Storage:Path"] = folder.FullName };
            if (settings.Provider == "postgres")
            {
                config["Storage:ConnectionString"] = await PostgresServer.Shared.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}");
            }

            await using var silo = await BenchSilo.StartAsync(new BenchSiloOptions
            {
                Settings = config,
                Configure = (builder, configuration) =>
                {
                    builder.AddActorsGrainStorage(configuration);
                    builder.Services.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 0);
                },
            });
            var factory = silo.GrainFactory;
            var pools = Enumerable.Range(0, hot ? 1 : settings.Callers).Select(i => $"bench-{(hot ? "hot" : "own")}-{i}").ToArray();
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            foreach (var id in pools)
            {
                var pool = factory.GetGrain<IRewardPoolGrain>(id);
                await pool.Create(new PoolTerms(Token, now, now + (10L * 365 * 24 * 3600)));
                await pool.Fund("fund", Token * Token);
            }

            var keys = Enumerable.Range(0, wallets).Select(i => string.Create(CultureInfo.InvariantCulture, $"0x{i + 1:x40}")).ToArray();
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, _) =>
                await factory.GetGrain<IWalletGrain>(key).CreditDeposit("deposit", PoolAssets.DefaultStake, Token * Token));

            var perCaller = wallets / settings.Callers;
            var operation = 0L;
            return await ClosedLoopLoad.RunAsync(Name(hot, settings.Callers), settings.Callers, settings.Warmup, settings.Duration, caller =>
            {
                var next = 0;
                var pool = pools[hot ? 0 : caller];
                return async () =>
                {
                    var wallet = factory.GetGrain<IWalletGrain>(keys[caller + (settings.Callers * (next++ % perCaller))]);
                    await wallet.Stake(string.Create(CultureInfo.InvariantCulture, $"s-{Interlocked.Increment(ref operation)}"), pool, UInt256.One);
                };
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
