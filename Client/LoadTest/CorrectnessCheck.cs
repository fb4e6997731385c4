using System.Globalization;

namespace Actors.Client.LoadTest;

/// <summary>
/// The checks at the end of a run: for every pool, what it reports staked lies between the acknowledged stakes minus unstakes
/// with and without those of unknown outcome (exactly equal when every request was answered); every pool conserves money
/// (emitted = claimed + pending + dust); and no answer of the run was a 5xx.
/// </summary>
internal static class CorrectnessCheck
{
    /// <summary>The checks' results, one per pool and check, then the 5xx check.</summary>
    public static IReadOnlyList<CheckResult> Run(IReadOnlyList<PoolFigures> pools, PoolLedger ledger, long serverErrors)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(ledger);
        var results = new List<CheckResult>();
        for (var i = 0; i < pools.Count; i++)
        {
            var pool = pools[i];
            if (pool.Unread is { } why)
            {
                results.Add(new CheckResult($"stakes:{pool.PoolId}", false, why));
                continue;
            }

            var tally = ledger.Tally(i);
            var staked = pool.TotalShares >= tally.Lowest && pool.TotalShares <= tally.Highest;
            var expected = tally.Lowest == tally.Highest
                ? tally.Lowest.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{tally.Lowest} to {tally.Highest}");
            results.Add(new CheckResult(
                $"stakes:{pool.PoolId}", staked,
                string.Create(CultureInfo.InvariantCulture, $"pool reports {pool.TotalShares} staked; acknowledged stakes {tally.Staked} minus unstakes {tally.Unstaked} give {expected}")));
            var sum = pool.Claimed + pool.Pending + pool.Dust;
            results.Add(new CheckResult(
                $"conservation:{pool.PoolId}", pool.Emitted == sum,
                string.Create(CultureInfo.InvariantCulture, $"emitted {pool.Emitted}, claimed + pending + dust = {pool.Claimed} + {pool.Pending} + {pool.Dust} = {sum}")));
        }

        results.Add(new CheckResult(
            "no-5xx", serverErrors == 0, string.Create(CultureInfo.InvariantCulture, $"{serverErrors} answers were 5xx")));
        return results;
    }
}

/// <summary>One check: its name, whether it held, and the figures it compared.</summary>
internal sealed record CheckResult(string Name, bool Passed, string Detail);
