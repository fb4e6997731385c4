namespace Actors.Benchmarks.Logins;

/// <summary>One run's figures at one size: seconds for the fill, the in-memory root and the commits; proof sizes and latencies.</summary>
internal sealed record CommitResult(
    string Provider,
    int Records,
    double AppendSeconds,
    double TreeSeconds,
    double CommitSeconds,
    int InclusionPath,
    int InclusionBytes,
    double InclusionMs,
    double FirstHalfSeconds,
    double SecondHalfSeconds,
    int ConsistencyPath,
    int ConsistencyBytes,
    double ConsistencyMs);
