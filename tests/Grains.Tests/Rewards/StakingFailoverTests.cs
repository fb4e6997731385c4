using System.Diagnostics;
using Actors.Domain.Money;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Providers.Storage;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace Actors.Grains.Tests.Rewards;

/// <summary>
/// Concurrent stake, unstake and claim callers over a three-silo cluster on real time, across the loss of the silo hosting the
/// pool and some of the wallets: a caller that gets no answer retries the same operation id until it is acknowledged, and
/// every acknowledged operation counts exactly once in the wallets and in the pool.
/// </summary>
/// <remarks>
/// The silo is stopped with TestingHost's kill, which lets it declare itself dead; the grains it held come back on the other
/// silos, which is what is tested here. Real process kills are tested with real silo processes.
/// </remarks>
[Collection(FailoverCollection.Name)]
public sealed class StakingFailoverTests(ITestOutputHelper output)
{
    private const string PoolId = "failover-pool";
    private const int Workers = 4;
    private const int WalletsPerWorker = 10;
    private const int OperationsPerWorker = 60;
    private static readonly UInt256 E18 = UInt256.Pow10(18);

    // Long enough for the cluster to learn of the lost silo and the pool to come back elsewhere.
    private static readonly TimeSpan RetryBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_acknowledged_operation_counts_once_across_a_crash_of_the_pool_silo()
    {
        var gate = new PoolWriteGate(PoolId, new InMemoryGrainStorage());
        await using var cluster = await GrainCluster.StartAsync(new GrainClusterSettings
        {
            Silos = 3,
            FakeTime = false,
            Storage = gate,
            Services = s => s.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10)),
        });
        var silos = cluster.Silos;

        // The pool's silo is the one that holds its activation after its creation.
        var pool = await StakingTests.CreatePoolAsync(
            GrainCluster.GrainsOf(silos[0]), TimeProvider.System, PoolId, 1_000_000_000_000UL, 100 * E18);
        var victim = cluster.SiloOf(pool);
        var survivors = silos.Where(s => s != victim).ToArray();
        var callers = survivors.Select(GrainCluster.GrainsOf).ToArray();
        var wallets = Enumerable.Range(0, Workers * WalletsPerWorker).Select(i => Addresses.Key(0x1000 + i)).ToArray();
        foreach (var wallet in wallets)
        {
            await callers[0].DepositAsync(wallet);
        }


        var progress = new Progress();
        var tallies = wallets.ToDictionary(w => w, _ => new Tally());
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(() => RunWorkerAsync(
            worker, wallets.Skip(worker * WalletsPerWorker).Take(WalletsPerWorker).ToArray(), callers, tallies, progress))).ToArray();

        // Midway, hold the pool's next write of an applied operation, then crash its silo: the operation's caller gets no
        // answer while its write still lands, as a commit in flight at a crash may; the callers queued behind it get none either.
        await Wait.UntilAsync(
            () => progress.Acknowledged >= Workers * OperationsPerWorker / 3, "a third of the operations before the crash",
            TimeSpan.FromSeconds(20));
        gate.Arm();
        await Wait.ForAsync(gate.Held, "an applied operation's pool write to be held", TimeSpan.FromSeconds(10));
        progress.Phase = Phase.Crashing;
        var crash = cluster.Host.KillSiloAsync(victim);
        await Wait.UntilAsync(
            () => cluster.IsDeadToEverySilo(victim), "the other silos to see the pool's silo dead", TimeSpan.FromSeconds(10));
        gate.Release();
        await Wait.ForAsync(crash, "the crashed silo's host to go away", TimeSpan.FromSeconds(10));
        progress.Phase = Phase.Crashed;

        await Wait.ForAsync(Task.WhenAll(workers), "every worker to finish", TimeSpan.FromSeconds(40));
        foreach (var wallet in wallets)
        {
            await UntilAcknowledgedAsync(
                callers, async f => { await f.GetGrain<IWalletGrain>(wallet).FinishPendingOperations(); return 0; }, progress: null);
        }

        var via = callers[0];
        var views = await Task.WhenAll(wallets.Select(w => via.GetGrain<IWalletGrain>(w).Get()));
        var info = await via.GetGrain<IRewardPoolGrain>(PoolId).GetInfo();
        output.WriteLine(
            $"{progress.Acknowledged} acknowledged: {progress.Retried} retried, {progress.Crossed} under way at the crash, "
            + $"{progress.AfterCrash} issued after it; claimed {info.Claimed}");

        // The operations really crossed the failover, and the cluster went on taking new ones after it.
        Assert.Equal(Workers * OperationsPerWorker, progress.Acknowledged);
        Assert.True(progress.RetriedAcrossCrash > 0, "no operation failed at the crash and was retried");
        Assert.True(progress.Crossed > 0, "no operation was under way at the crash");
        Assert.True(progress.AfterCrash > 0, "no operation was issued after the crash");

        // Each wallet holds exactly its acknowledged stakes less unstakes, and the claims it was told it was paid.
        foreach (var view in views)
        {
            var tally = tallies[view.Wallet];
            Assert.False(view.HasPendingOperation, $"wallet {view.Wallet} still has an operation pending");
            Assert.Equal(tally.Claimed, view.ClaimedRewards);
            var position = view.Positions.SingleOrDefault(p => p.PoolId == PoolId);
            Assert.Equal(tally.Staked, position?.Staked ?? UInt256.Zero);
            Assert.Equal(tally.Staked, position?.Shares ?? UInt256.Zero); // neutral weight: shares are the stake
        }

        // The pool agrees with the wallets: shares, claims, and every emitted unit claimed, pending or dust.
        Assert.Equal(tallies.Values.Aggregate(UInt256.Zero, (sum, t) => sum + t.Claimed), info.Claimed);
        Assert.Equal(views.Aggregate(UInt256.Zero, (sum, v) => sum + v.ClaimedRewards), info.Claimed);
        PoolAccounting.AssertAccountsFor(info, [.. views.SelectMany(v => v.Positions).Where(p => p.PoolId == PoolId)]);
    }

    // Random stakes, unstakes and claims on the worker's own wallets, each under a fresh operation id retried until acknowledged.
    private static async Task RunWorkerAsync(
        int worker, string[] wallets, IGrainFactory[] callers, Dictionary<string, Tally> tallies, Progress progress)
    {
        var random = new Random(worker);
        for (var step = 0; step < OperationsPerWorker; step++)
        {
            var wallet = wallets[random.Next(wallets.Length)];
            var tally = tallies[wallet];
            var op = $"w{worker}-op{step}";
            switch (random.Next(4))
            {
                case 0 when tally.HasPosition && !tally.Staked.IsZero:
                    var amount = random.Next(2) == 0 ? tally.Staked : (tally.Staked / 2) + UInt256.One;
                    var unstaked = await UntilAcknowledgedAsync(
                        callers, f => f.GetGrain<IWalletGrain>(wallet).Unstake(op, PoolId, amount), progress);
                    tally.Staked -= amount;
                    Assert.Equal(tally.Staked, unstaked.Staked);
                    break;
                case 1 when tally.HasPosition:
                    var claim = await UntilAcknowledgedAsync(callers, f => f.GetGrain<IWalletGrain>(wallet).Claim(op, PoolId), progress);
                    tally.Claimed += claim.Paid;
                    Assert.Equal(tally.Claimed, claim.ClaimedRewards);
                    break;
                default:
                    var stake = (UInt256)(ulong)random.NextInt64(1, 1_000_000_000_000_000_000);
                    var staked = await UntilAcknowledgedAsync(
                        callers, f => f.GetGrain<IWalletGrain>(wallet).Stake(op, PoolId, stake), progress);
                    tally.Staked += stake;
                    tally.HasPosition = true;
                    Assert.Equal(tally.Staked, staked.Staked);
                    break;
            }
        }
    }

    // A caller that gets no answer retries the same call (so the same operation id) through the live silos in turn.
    private static async Task<T> UntilAcknowledgedAsync<T>(IGrainFactory[] callers, Func<IGrainFactory, Task<T>> call, Progress? progress)
    {
        var started = progress?.Phase ?? Phase.Running;
        var failed = false;
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await call(callers[attempt % callers.Length]);
                progress?.Acknowledge(started, failed);
                return result;
            }
            catch (Exception error) when (clock.Elapsed < RetryBound && IsTransient(error))
            {
                failed = true;
            }
        }
    }

    // What a caller may see while a silo goes away: the call lost with it, a timeout, a storage conflict between the old and
    // the new activation (Orleans then deactivates the stale one), a storage fault. Orleans's own failures are all
    // OrleansExceptions; a refusal by a grain is not, and is not retried.
    private static bool IsTransient(Exception error) =>
        error is OrleansException or TimeoutException or ObjectDisposedException or OperationCanceledException;

    private enum Phase
    {
        Running,
        Crashing,
        Crashed,
    }

    // What the test expects of one wallet, from the operations acknowledged to it. Each wallet belongs to one worker.
    private sealed class Tally
    {
        public UInt256 Staked { get; set; }

        public UInt256 Claimed { get; set; }

        public bool HasPosition { get; set; }
    }

    private sealed class Progress
    {
        private int _phase;
        private int _acknowledged;
        private int _retried;
        private int _retriedAcrossCrash;
        private int _crossed;
        private int _afterCrash;

        public Phase Phase
        {
            get => (Phase)Volatile.Read(ref _phase);
            set => Volatile.Write(ref _phase, (int)value);
        }

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public int Retried => Volatile.Read(ref _retried);

        public int RetriedAcrossCrash => Volatile.Read(ref _retriedAcrossCrash);

        public int Crossed => Volatile.Read(ref _crossed);

        public int AfterCrash => Volatile.Read(ref _afterCrash);

        public void Acknowledge(Phase started, bool retried)
        {
            var now = Phase;
            Interlocked.Increment(ref _acknowledged);
            Interlocked.Add(ref _retried, retried ? 1 : 0);
            Interlocked.Add(ref _retriedAcrossCrash, retried && started != Phase.Crashed && now != Phase.Running ? 1 : 0);
            Interlocked.Add(ref _crossed, started != Phase.Crashed && now != Phase.Running ? 1 : 0);
            Interlocked.Add(ref _afterCrash, started == Phase.Crashed ? 1 : 0);
        }
    }
}
