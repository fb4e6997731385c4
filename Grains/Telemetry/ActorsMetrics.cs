using System.Diagnostics.Metrics;

namespace Actors.Grains.Telemetry;

/// <summary>
/// The domain's own instruments, on the meter <see cref="MeterName"/>: each counts an operation where its value moves (after the
/// grain stored the change), tagged by asset, state or outcome. One meter per process, as Orleans keeps its own
/// (<c>Microsoft.Orleans</c>): every grain of every silo in the process counts on it.
/// </summary>
public static class ActorsMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Actors";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Stakes = Meter.CreateCounter<long>(
        "actors.stakes", "{stake}", "Stakes completed: balance moved into a pool position, by the pool's stake asset.");

    private static readonly Counter<long> Unstakes = Meter.CreateCounter<long>(
        "actors.unstakes", "{unstake}", "Unstakes completed: a position's stake moved back to the balance, by stake asset.");

    private static readonly Counter<long> Claims = Meter.CreateCounter<long>(
        "actors.claims", "{claim}", "Reward claims completed, by the pool's reward asset.");

    private static readonly Counter<long> Deposits = Meter.CreateCounter<long>(
        "actors.deposits", "{deposit}", "Deposits credited to a wallet (a reference counts once), by asset.");

    private static readonly Counter<long> Withdrawals = Meter.CreateCounter<long>(
        "actors.withdrawals", "{withdrawal}", "Withdrawal requests debited from a wallet's balance, by asset.");

    private static readonly Counter<long> Freezes = Meter.CreateCounter<long>(
        "actors.freezes", "{change}", "Freeze reasons added to (action freeze) or lifted from (unfreeze) a wallet.");

    private static readonly Counter<long> Recoveries = Meter.CreateCounter<long>(
        "actors.recoveries", "{transition}", "Recovery requests entering a state (awaiting_approvals, timelocked, finalized, ...).");

    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>(
        "actors.signins", "{sign_in}", "Sign-in attempts, by outcome: signed_in or the refusal's code.");

    internal static void Staked(string asset) => Stakes.Add(1, new KeyValuePair<string, object?>("asset", asset));

    internal static void Unstaked(string asset) => Unstakes.Add(1, new KeyValuePair<string, object?>("asset", asset));

    internal static void Claimed(string asset) => Claims.Add(1, new KeyValuePair<string, object?>("asset", asset));

    internal static void Deposited(string asset) => Deposits.Add(1, new KeyValuePair<string, object?>("asset", asset));

    internal static void Withdrawn(string asset) => Withdrawals.Add(1, new KeyValuePair<string, object?>("asset", asset));

    internal static void FreezeChanged(bool frozen) =>
        Freezes.Add(1, new KeyValuePair<string, object?>("action", frozen ? "freeze" : "unfreeze"));

    internal static void RecoveryEntered(string state) => Recoveries.Add(1, new KeyValuePair<string, object?>("state", state));

    /// <summary>Counts a sign-in attempt: <paramref name="outcome"/> is <c>signed_in</c> or the refusal's code.</summary>
    public static void SignIn(string outcome) => SignIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
