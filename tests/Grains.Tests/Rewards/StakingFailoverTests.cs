using System.Diagnostics;
using Actors.Domain.Money;
using Actors.Grains.Diagnostics;
using Actors.Grains.Interfaces.Rewards;
using Actors.Grains.Interfaces.Wallets;
using Actors.Grains.Rewards;
using Actors.Runtime;
using Actors.Runtime.Invocation;
using Actors.Runtime.Serialization;
using Actors.Runtime.Storage;
using Actors.Runtime.Testing;

namespace Actors.Grains.Tests.Rewards;

/// <summary>
/// Concurrent stake, unstake and claim callers over a three-silo cluster on real time, across the crash of the silo hosting the
/// pool and some of the wallets: a caller that gets no answer retries the same operation id until it is acknowledged, and every acknowledged operation
/// counts exactly once in the wallets and in the pool.
/// </summary>
[Collection(StakingFailoverTests.Collection)]
public sealed class StakingFailoverTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Cluster tests run alone: their failure detectors run on real time and must not be starved by other tests.</summary>
    public const string Collection = "staking cluster";

    private const string PoolId = "failover-pool";
    private const int Workers = 4;
    private const int WalletsPerWorker = 10;
    private const int OperationsPerWorker = 60;
    private static readonly UInt256 E18 = UInt256.Pow10(18);

    // Long enough for the cluster to declare the crashed silo dead (about 4 s) and the pool to come back elsewhere.
    private static readonly TimeSpan RetryBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_acknowledged_operation_counts_once_across_a_crash_of_the_pool_silo()
    {
        GrainRegistry.EnsureLoaded(typeof(CounterGrain).Assembly);
        await using var cluster = await TestCluster.StartAsync(["a", "b", "c"]);
        var silos = cluster.Live.ToArray();

        // The pool's silo is the one whose activation count the pool's creation raised.
        var before = silos.Select(s => s.Silo.ActivationCount).ToArray();
        var pool = await StakingTests.CreatePoolAsync(silos[0], PoolId, 1_000_000_000_000UL, 100 * E18);
        var victim = Assert.Single(Enumerable.Range(0, silos.Length), i => silos[i].Silo.ActivationCount > before[i]);
        var callers = silos.Where((_, i) => i != victim).ToArray();
        var wallets = Enumerable.Range(0, Workers * WalletsPerWorker).Select(i => Addresses.Key(0x1000 + i)).ToArray();

        var gate = new PoolWriteGate(PoolId);
        cluster.Storage.BeforeWrite = gate.BeforeWrite;
        var progress = new Progress();
        var tallies = wallets.ToDictionary(w => w, _ => new Tally());
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(() =>
            RunWorkerAsync(worker, wallets.Skip(worker * WalletsPerWorker).Take(WalletsPerWorker).ToArray(), callers, tallies, progress))).ToArray();

        // Midway, hold the pool's next write of an applied operation, then crash its silo: the operation's caller gets no
        // answer while its write still lands, as a commit in flight at a crash may; the callers queued behind it get none either.
        await Wait.UntilAsync(() => progress.Acknowledged >= Workers * OperationsPerWorker / 3, "a third of the operations before the crash", TimeSpan.FromSeconds(20));
        gate.Arm();
        await Wait.ForAsync(gate.Held, "an applied operation's pool write to be held", TimeSpan.FromSeconds(10));
        var victimSilo = silos[victim].Silo;
        var crashedActivations = victimSilo.ActivationCount;
        progress.Phase = Phase.Crashing;
        var crash = cluster.KillAsync(victim);
        await Wait.UntilAsync(() => victimSilo.Status == SiloStatus.Dead, "the pool's silo to crash", TimeSpan.FromSeconds(10));
        gate.Release();
        await Wait.ForAsync(crash, "the crashed silo's host to go away", TimeSpan.FromSeconds(10));
        progress.Phase = Phase.Crashed;

        await Wait.ForAsync(Task.WhenAll(workers), "every worker to finish", TimeSpan.FromSeconds(40));
        cluster.Storage.BeforeWrite = null;
        var via = callers[0].GrainFactory;
        foreach (var wallet in wallets)
        {
            await UntilAcknowledgedAsync(callers, async f => { await f.GetGrain<IWalletGrain>(wallet).FinishPendingOperations(); return 0; }, progress: null);
        }

        var views = await Task.WhenAll(wallets.Select(w => via.GetGrain<IWalletGrain>(w).Get()));
        var info = await via.GetGrain<IRewardPoolGrain>(PoolId).GetInfo();
        output.WriteLine($"{crashedActivations} activations crashed; {progress.Acknowledged} acknowledged: {progress.Retried} retried, {progress.Crossed} under way at the crash, {progress.AfterCrash} issued after it; claimed {info.Claimed}");

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
    private static async Task RunWorkerAsync(int worker, string[] wallets, TestSilo[] callers, Dictionary<string, Tally> tallies, Progress progress)
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
                    var unstaked = await UntilAcknowledgedAsync(callers, f => f.GetGrain<IWalletGrain>(wallet).Unstake(op, PoolId, amount), progress);
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
                    var staked = await UntilAcknowledgedAsync(callers, f => f.GetGrain<IWalletGrain>(wallet).Stake(op, PoolId, stake), progress);
                    tally.Staked += stake;
                    tally.HasPosition = true;
                    Assert.Equal(tally.Staked, staked.Staked);
                    break;
            }
        }
    }

    // A caller that gets no answer retries the same call (so the same operation id) through the live silos in turn. The
    // silos pace the retries themselves: a call to a silo not yet declared dead waits in the router for a fresher view.
    private static async Task<T> UntilAcknowledgedAsync<T>(TestSilo[] callers, Func<IGrainFactory, Task<T>> call, Progress? progress)
    {
        var started = progress?.Phase ?? Phase.Running;
        var failed = false;
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var result = await call(callers[attempt % callers.Length].GrainFactory);
                progress?.Acknowledge(started, failed);
                return result;
            }
            catch (Exception error) when (clock.Elapsed < RetryBound
                && error is SiloUnavailableException or TimeoutException or StorageException or InconsistentStateException or ObjectDisposedException or OperationCanceledException)
            {
                failed = true;
            }
        }
    }

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

    // Holds, once armed, the first write of the pool that records a newly applied operation (its unconfirmed set grows).
    private sealed class PoolWriteGate(string poolId)
    {
        private static readonly JsonGrainStateSerializer Serializer = new();
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private int _unconfirmed;

        public Task Held => _held.Task;

        public void Arm() => Volatile.Write(ref _armed, 1);

        public void Release() => _released.TrySetResult();

        public Task BeforeWrite(IReadOnlyList<StateWrite> writes)
        {
            foreach (var write in writes)
            {
                if (write.GrainId.Key != poolId || write.Data is not { } data)
                {
                    continue;
                }

                // The pool is one activation at a time, so its writes come one after another.
                var unconfirmed = Serializer.Deserialize<RewardPoolGrainState>(data.Span).Unconfirmed.Count;
                var applied = unconfirmed > _unconfirmed;
                _unconfirmed = unconfirmed;
                if (applied && Interlocked.CompareExchange(ref _armed, 2, 1) == 1)
                {
                    _held.TrySetResult();
                    return _released.Task;
                }
            }

            return Task.CompletedTask;
        }
    }
}

[CollectionDefinition(StakingFailoverTests.Collection, DisableParallelization = true)]
public sealed class StakingClusterCollection
{
}
