namespace Actors.Client.LoadTest;

/// <summary>One run of the load tester, as its command line gave it (every value checked).</summary>
/// <param name="Url">The silo's REST base URL: the target with no gateways, else only for /metrics; null with gateways alone.</param>
/// <param name="Wallets">How many distinct simulated wallets.</param>
/// <param name="Duration">How long to measure, ramp-up included.</param>
/// <param name="RampUp">How long the rate (or the number of workers) grows from nothing to its set value.</param>
/// <param name="Rate">Open loop: steps started per second whatever the answers; null for a closed loop.</param>
/// <param name="Concurrency">Closed loop: steps in flight at once; open loop: the most in flight before a step is dropped.</param>
/// <param name="Mix">The scenarios and their weights.</param>
/// <param name="Seed">The seed the wallets' keys derive from.</param>
/// <param name="OperatorKey">The operator key (deposits, mints, pool set-up, /metrics); null for a read-only run.</param>
/// <param name="Pools">How many pools the run creates and stakes into (wallet i uses pool i mod pools).</param>
/// <param name="Sessions">How many wallets keep a session token at once.</param>
/// <param name="ReportDirectory">Where report.json and report.html go.</param>
/// <param name="RunId">Names the run's pools, collection and deposit references, so that runs never share them.</param>
internal sealed record LoadTestSettings(
    Uri? Url, int Wallets, TimeSpan Duration, TimeSpan RampUp, double? Rate, int Concurrency, ScenarioMix Mix, string Seed,
    string? OperatorKey, int Pools, int Sessions, string ReportDirectory, string RunId)
{
    /// <summary>The reward rate of the run's pools, in base units a second.</summary>
    public const string PoolRate = "1000";

    /// <summary>The budget each pool is funded with: enough that it never runs dry.</summary>
    public const string PoolBudget = "1000000000000000000";

    /// <summary>The asset deposits credit and stakes draw on.</summary>
    public const string StakeAsset = "STAKE";

    /// <summary>The id of pool <paramref name="pool"/> of the run.</summary>
    public string PoolId(int pool) => $"loadtest-{RunId}-{pool}";

    /// <summary>The id of the run's NFT collection.</summary>
    public string CollectionId => $"loadtest-{RunId}";
}
