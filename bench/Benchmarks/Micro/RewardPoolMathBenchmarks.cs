using System.Runtime.CompilerServices;
using Actors.Domain.Money;
using Actors.Domain.Rewards;
using BenchmarkDotNet.Attributes;

namespace Actors.Benchmarks.Micro;

/// <summary>
/// A claim and a change of shares on a pool with 1 staker and on one with 1,000,000, against a plain method call. The crowded
/// pool is built by staking 1,000,000 positions through <see cref="RewardPoolMath.ChangeShares"/>, a second apart; each
/// measured operation happens a second after the one before, so every call advances the index and settles real accrual.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class RewardPoolMathBenchmarks
{
    private static readonly UInt256 Token = UInt256.Pow10(18);
    private static readonly UInt256 TwoTokens = Token * 2u;

    private RewardPoolState _pool = null!;
    private StakePosition _position = null!;
    private long _now;
    private bool _doubled;

    [Params(1, 1_000_000)]
    public int Stakers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const long start = 1_900_000_000;
        _pool = RewardPoolMath.Create(Token, start, start + (100L * 365 * 24 * 3600));
        RewardPoolMath.Fund(_pool, Token * Token, start);
        _now = start;
        for (var i = 0; i < Stakers; i++)
        {
            _position = new StakePosition();
            RewardPoolMath.ChangeShares(_pool, _position, Token, ++_now);
        }
    }

    [Benchmark(Baseline = true)]
    public UInt256 PlainCall() => Plain(_position, ++_now);

    [Benchmark]
    public UInt256 Claim() => RewardPoolMath.Claim(_pool, _position, ++_now);

    [Benchmark]
    public UInt256 ChangeShares()
    {
        _doubled = !_doubled;
        RewardPoolMath.ChangeShares(_pool, _position, _doubled ? TwoTokens : Token, ++_now);
        return _pool.TotalShares;
    }

    // The baseline: a call that is not inlined, reading the position and returning a value.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static UInt256 Plain(StakePosition position, long now) => position.Shares + (ulong)now;
}
