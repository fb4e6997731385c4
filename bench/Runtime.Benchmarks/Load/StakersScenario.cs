using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Wallets;
using Actors.Runtime.Benchmarks.Grains;
using Actors.Runtime.Invocation;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime.Benchmarks.Load;

/// <summary>Settings of the stakers mode, from <c>--name value</c> arguments.</summary>
/// <param name="Wallets">Wallet grains activated, each staking into the crowded pool.</param>
/// <param name="Claims">Claims per measured round.</param>
/// <param name="Rounds">Measured rounds; medians are reported.</param>
/// <param name="InFlight">Stakes in flight while the wallets are activated.</param>
/// <param name="Sample">Stakers of the crowded pool that make its claims, spread over the wallets.</param>
/// <param name="Provider">Grain storage: memory, or sqlite on a temporary folder.</param>
public sealed record StakersSettings(int Wallets, int Claims, int Rounds, int InFlight, int Sample, string Provider)
{
    public static StakersSettings Parse(string[] args) => new(
        Arguments.Int(args, "--wallets", 1_000_000),
        Arguments.Int(args, "--claims", 5_000),
        Arguments.Int(args, "--rounds", 5),
        Arguments.Int(args, "--in-flight", 64),
        Arguments.Int(args, "--sample", 16),
        Arguments.Get(args, "--provider") ?? "memory");
}

/// <summary>
/// DESIGN.md section 6 for the production grains: a wallet's claim costs the same in a pool with 1 staker and in one with N
/// (accrual through a global reward index), and N activated wallets, each holding a position, fit in 2 GB of process memory.
/// One silo in this process hosts the wallet and reward-pool grains. Claims are made by one caller, one after another, each
/// with a fresh operation id and with the pools' clock one second later than the claim before (so every claim settles real
/// accrual). The crowded pool's claims are made by a sample of its stakers in turn. Before the measured rounds every
/// claiming wallet makes <see cref="WalletGrain.RememberedOperations"/> claims, so that each holds a full list of remembered
/// operations (the size its stored state keeps from then on) in both pools alike.
/// </summary>
public static class StakersScenario
{
    private const string SoloPool = "bench-solo";
    private const string CrowdedPool = "bench-crowded";
    private static readonly UInt256 Token = UInt256.Pow10(18);

    public static async Task RunAsync(StakersSettings settings)
    {
        GrainRegistry.EnsureLoaded(typeof(WalletGrain).Assembly);
        var clock = new SteppedClock();
        var folder = settings.Provider == "sqlite" ? Directory.CreateTempSubdirectory("bench-stakers-") : null;
        var storage = GrainStorageFactory.Create(new StorageOptions { Provider = settings.Provider, Path = folder?.FullName ?? "" });
        try
        {
            // Nothing idle may be collected while the wallets are counted: a collection age and scan period of 40 days (about the
            // longest period a system timer takes), far beyond any run.
            var config = new Dictionary<string, string?>
            {
                ["Silo:CollectionAge"] = "40.00:00:00",
                ["Silo:CollectionQuantum"] = "40.00:00:00",

                // Call deadlines are read from the same clock, which the claims move on by a second each.
                ["Silo:ResponseTimeout"] = "40.00:00:00",
            };
            await using var silo = await TestSilo.StartAsync(
                storage, clock, config, configureServices: services => services.Configure<WalletOptions>(o => o.SensitiveOperationsPerMinute = 0));
            await RunAsync(settings, silo, clock, storage);
        }
        finally
        {
            if (storage is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }

            folder?.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(StakersSettings settings, TestSilo silo, SteppedClock clock, IGrainStorage storage)
    {
        var factory = silo.GrainFactory;
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
        await RepeatAsync(Math.Max(WalletGrain.RememberedOperations, settings.Claims), claimSolo);
        var before = new List<LoadResult>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            before.Add((await MeasureAsync("claim, 1 staker, before", settings.Claims, claimSolo)).Result);
        }

        // b) N wallets, each staking into the crowded pool.
        var empty = Footprint.Measure();
        await ActivateAsync(factory, n, settings.InFlight);
        var info = await factory.GetGrain<IRewardPoolGrain>(CrowdedPool).GetInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crowded pool: {info.TotalShares / Token} tokens of shares staked"));

        // c) alternating rounds on the same heap: baseline grain call, one staker, N stakers.
        await RepeatAsync(WalletGrain.RememberedOperations * settings.Sample, claimCrowded);
        var results = new List<LoadResult>(before);
        var paidSolo = UInt256.Zero;
        var paidCrowded = UInt256.Zero;
        for (var round = 0; round < settings.Rounds; round++)
        {
            results.Add((await MeasureAsync("grain call x1 (baseline)", settings.Claims, PingOnce)).Result);
            // Which pool goes first alternates, so that neither always meets the collection the other's garbage started.
            for (var turn = 0; turn < 2; turn++)
            {
                if ((turn + round) % 2 == 0)
                {
                    var (result, paid) = await MeasureAsync("claim, 1 staker", settings.Claims, claimSolo);
                    results.Add(result);
                    paidSolo += paid;
                }
                else
                {
                    var (result, paid) = await MeasureAsync($"claim, {n:N0} stakers", settings.Claims, claimCrowded);
                    results.Add(result);
                    paidCrowded += paid;
                }
            }
        }

        Console.WriteLine("runs:");
        results.ForEach(r => Console.WriteLine("  " + r));
        Console.WriteLine("medians:");
        var medians = results.GroupBy(r => r.Name).Select(g => LoadResult.Median([.. g])).ToDictionary(r => r.Name);
        foreach (var median in medians.Values)
        {
            Console.WriteLine("  " + median);
        }

        var one = medians["claim, 1 staker"];
        var many = medians[$"claim, {n:N0} stakers"];
        var baseline = medians["grain call x1 (baseline)"];
        var claims = (long)settings.Claims * settings.Rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"paid per claim: 1 staker {paidSolo / (ulong)claims / Token} tokens, {n:N0} stakers {paidCrowded / (ulong)claims} base units"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio cost({n:N0}) / cost(1): mean {one.PerSecond / many.PerSecond:F2}, p50 {many.P50Micros / one.P50Micros:F2}, p99 {many.P99Micros / one.P99Micros:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"claim cost in grain calls (mean): 1 staker {baseline.PerSecond / one.PerSecond:N0}, {n:N0} stakers {baseline.PerSecond / many.PerSecond:N0}"));

        // d) memory with the N wallets active.
        var full = Footprint.Measure();
        var activations = silo.Silo.ActivationCount;
        Console.WriteLine($"activations in the silo: {activations:N0} ({n:N0} wallets, 1 solo wallet, 2 pools, 1 baseline grain)");
        Console.WriteLine($"before the wallets: {empty}");
        Console.WriteLine($"with the wallets:   {full}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per wallet: managed heap {(full.Heap - empty.Heap) / (double)n:N0} B, working set {(full.WorkingSet - empty.WorkingSet) / (double)n:N0} B, private {(full.Private - empty.Private) / (double)n:N0} B"));
        if (storage is MemoryGrainStorage memory)
        {
            var stored = await StoredBytesAsync(memory, n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stored wallet state held by the memory provider (included above): {stored:N0} B payload, {stored / (double)n:N0} B per wallet"));
        }

        var target = 2L << 30;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target 2 GB: working set {full.WorkingSet / (double)target:P0} of it, private bytes {full.Private / (double)target:P0} -> {(Math.Max(full.WorkingSet, full.Private) <= target ? "met" : "NOT met")}"));
    }

    private static string Describe(string provider) => provider == "sqlite"
        ? "sqlite on a temporary folder (stored state is on disk, not in process memory)"
        : "memory (stored state is in process memory and counted below)";

    // A wallet's key is its address in lowercase: 0x and 40 hex digits.
    private static string WalletKey(int i) => string.Create(CultureInfo.InvariantCulture, $"0x{i:x40}");

    private static async Task RepeatAsync(int count, Func<int, Task<UInt256>> operation)
    {
        for (var i = 0; i < count; i++)
        {
            await operation(i);
        }
    }

    // One caller, a fixed number of calls one after another; the latency of each call goes into a histogram.
    private static async Task<(LoadResult Result, UInt256 Paid)> MeasureAsync(string name, int count, Func<int, Task<UInt256>> operation)
    {
        var histogram = new LatencyHistogram();
        var paid = UInt256.Zero;
        var began = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            paid += await operation(i);
            histogram.Record(Stopwatch.GetTimestamp() - started);
        }

        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var microsPerTick = 1_000_000.0 / Stopwatch.Frequency;
        return (new LoadResult(name, count / seconds, histogram.Percentile(0.5) * microsPerTick, histogram.Percentile(0.99) * microsPerTick), paid);
    }

    // Every wallet stakes one token into the crowded pool, InFlight stakes at a time.
    // The references are made as the stakes are sent and not kept: the process holds what the silo holds for the wallets.
    private static async Task ActivateAsync(IGrainFactory factory, int wallets, int inFlight)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var step = Math.Max(1, wallets / 10);
        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < wallets)
            {
                await factory.GetGrain<IWalletGrain>(WalletKey(i)).Stake("stake", CrowdedPool, Token).ConfigureAwait(false);
                if ((i + 1) % step == 0)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  staked {i + 1:N0} wallets in {elapsed:F0} s ({(i + 1) / elapsed:N0}/s), working set {Environment.WorkingSet / 1048576.0:N0} MiB"));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkAsync)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activated {wallets:N0} wallets with a stake each in {seconds:F0} s ({wallets / seconds:N0}/s, {inFlight} in flight)"));
    }

    private static async Task<long> StoredBytesAsync(MemoryGrainStorage storage, int wallets)
    {
        var type = GrainRegistry.GetInterface(typeof(IWalletGrain)).GrainType;
        long total = 0;
        for (var i = 0; i < wallets; i++)
        {
            var stored = await storage.ReadAsync(GrainId.Create(type, WalletKey(i)), "wallet", CancellationToken.None);
            total += stored?.Data?.Length ?? 0;
        }

        return total;
    }

    /// <summary>The system clock, moved on by the benchmark: each claim happens a second after the one before.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Step(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
    }

    /// <summary>Process memory after a full, compacting, blocking collection.</summary>
    private sealed record Footprint(long Heap, long Committed, long WorkingSet, long Private)
    {
        public static Footprint Measure()
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            var info = GC.GetGCMemoryInfo();
            using var process = Process.GetCurrentProcess();
            return new Footprint(heap, info.TotalCommittedBytes, process.WorkingSet64, process.PrivateMemorySize64);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"managed heap {Heap / 1048576.0:N0} MiB (GC committed {Committed / 1048576.0:N0} MiB), working set {WorkingSet / 1048576.0:N0} MiB, private {Private / 1048576.0:N0} MiB");
    }
}
