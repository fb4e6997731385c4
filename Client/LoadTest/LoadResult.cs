namespace Actors.Client.LoadTest;

/// <summary>What a run left: its settings, stats, measured time, server samples, the pools' figures and the tallies to check them by.</summary>
internal sealed record LoadResult(
    LoadTestSettings Settings, RunStats Stats, TimeSpan Measured, ServerMetrics Server, IReadOnlyList<PoolFigures> Pools, PoolLedger Ledger,
    int Abandoned);
