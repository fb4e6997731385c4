namespace Actors.Client.LoadTest;

/// <summary>
/// Per pool of the run: the stakes and unstakes the silo acknowledged, and those whose outcome is unknown (the answer never came),
/// so that the check can bound what the pool must report.
/// </summary>
internal sealed class PoolLedger(int pools)
{
    private readonly long[] _staked = new long[pools];
    private readonly long[] _unstaked = new long[pools];
    private readonly long[] _uncertainStakes = new long[pools];
    private readonly long[] _uncertainUnstakes = new long[pools];

    /// <summary>How many pools there are.</summary>
    public int Count { get; } = pools;

    public void Staked(int pool, long amount) => Interlocked.Add(ref _staked[pool], amount);

    public void Unstaked(int pool, long amount) => Interlocked.Add(ref _unstaked[pool], amount);

    public void UncertainStake(int pool, long amount) => Interlocked.Add(ref _uncertainStakes[pool], amount);

    public void UncertainUnstake(int pool, long amount) => Interlocked.Add(ref _uncertainUnstakes[pool], amount);

    /// <summary>The pool's acknowledged figures.</summary>
    public PoolTally Tally(int pool) => new(
        Volatile.Read(ref _staked[pool]), Volatile.Read(ref _unstaked[pool]),
        Volatile.Read(ref _uncertainStakes[pool]), Volatile.Read(ref _uncertainUnstakes[pool]));
}

/// <summary>A pool's acknowledged stakes and unstakes, and those of unknown outcome, in base units.</summary>
internal readonly record struct PoolTally(long Staked, long Unstaked, long UncertainStakes, long UncertainUnstakes)
{
    /// <summary>The least the pool can hold: every uncertain unstake applied, no uncertain stake.</summary>
    public long Lowest => Staked - Unstaked - UncertainUnstakes;

    /// <summary>The most the pool can hold: every uncertain stake applied, no uncertain unstake.</summary>
    public long Highest => Staked - Unstaked + UncertainStakes;
}
