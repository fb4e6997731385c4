using System.Diagnostics;

namespace Actors.Client.LoadTest;

/// <summary>
/// Runs a load test: sets up the run's pools and collection (operator), then drives steps of random wallets for the duration,
/// open loop (steps started at the set rate, whatever the answers, at most <see cref="LoadTestSettings.Concurrency"/> in flight;
/// a step beyond is dropped and counted as <c>client_saturated</c>) or closed loop (that many steps in flight, each starting
/// when the last ended), both ramping up linearly; samples the silo's /metrics each second; waits for the steps in flight, and
/// reads the pools for the correctness check.
/// </summary>
/// <param name="settings">The run.</param>
/// <param name="targets">The target recording its requests in the stats given.</param>
/// <param name="metrics">The silo's /metrics sampler.</param>
/// <param name="time">The clock of the timers.</param>
/// <param name="progress">Shown once a second.</param>
internal sealed class LoadDriver(
    LoadTestSettings settings, Func<RunStats, ILoadTarget> targets, ServerMetrics metrics, TimeProvider time, Action<RunStats, int> progress)
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs the test; the result carries the stats, server samples and pool figures read at the end.</summary>
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(settings.Duration.TotalSeconds) + (int)DrainLimit.TotalSeconds + 1;
        var start = Stopwatch.GetTimestamp();
        var stats = new RunStats(start, seconds);
        var target = targets(stats);
        if (settings.Mix.Writes && await target.SetUpAsync(settings) is { } failure)
        {
            throw new LoadTestException(failure);
        }

        start = Stopwatch.GetTimestamp();
        stats = new RunStats(start, seconds);
        target = targets(stats);
        var ledger = new WalletLedger(settings.Wallets);
        var pools = new PoolLedger(settings.Pools);
        var steps = new WalletSteps(
            settings, target, new SimulatedWallets(settings.Seed, settings.Wallets), new SessionCache(Math.Min(settings.Sessions, settings.Wallets)),
            ledger, pools, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(settings.Duration);
        var sampling = SampleAsync(metrics, start, stop.Token);
        var inFlight = new InFlight();
        var showing = ShowProgressAsync(stats, inFlight, stop.Token);
        if (settings.Rate is { } rate)
        {
            await OpenLoopAsync(steps, ledger, stats, inFlight, rate, start, stop.Token);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(i => ClosedLoopAsync(steps, ledger, stats, inFlight, i, stop.Token)));
        }

        var measured = Stopwatch.GetElapsedTime(start);
        await inFlight.DrainAsync(DrainLimit);
        await sampling;
        await showing;
        await metrics.SampleAsync(Stopwatch.GetElapsedTime(start).TotalSeconds);
        var figures = new List<PoolFigures>();
        for (var pool = 0; settings.Mix.Writes && pool < settings.Pools; pool++)
        {
            figures.Add(await target.PoolFiguresAsync(settings.PoolId(pool)));
        }

        return new LoadResult(settings, stats, measured, metrics, figures, pools, inFlight.Abandoned);
    }

    private async Task OpenLoopAsync(WalletSteps steps, WalletLedger ledger, RunStats stats, InFlight inFlight, double rate, long start, CancellationToken stop)
    {
        // Step k is due when the integral of the (ramping) rate reaches k; the loop starts every step due, then waits a millisecond.
        long started = 0;
        var ramp = settings.RampUp.TotalSeconds;
        while (!stop.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var due = ramp > 0 && elapsed < ramp ? rate * elapsed * elapsed / (2 * ramp) : (rate * (elapsed - (ramp / 2)));
            for (; started < (long)due; started++)
            {
                if (inFlight.Count >= settings.Concurrency)
                {
                    stats.RecordUnstarted("client_saturated");
                    continue;
                }

                inFlight.Track(StepAsync(steps, ledger, stats, Stopwatch.GetTimestamp()));
            }

            try
            {
                await Task.Delay(1, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ClosedLoopAsync(WalletSteps steps, WalletLedger ledger, RunStats stats, InFlight inFlight, int worker, CancellationToken stop)
    {
        var delay = settings.RampUp * worker / settings.Concurrency;
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            var step = StepAsync(steps, ledger, stats, 0);
            inFlight.Track(step);
            await step;
        }
    }

    private async Task StepAsync(WalletSteps steps, WalletLedger ledger, RunStats stats, long since)
    {
        await Task.Yield();
        var scenario = settings.Mix.Pick(Random.Shared.NextDouble());
        for (var tries = 0; tries < 8; tries++)
        {
            var wallet = Random.Shared.Next(settings.Wallets);
            if (scenario == Scenario.Health)
            {
                await steps.RunAsync(scenario, wallet, since);
                return;
            }

            if (ledger.TryTake(wallet))
            {
                try
                {
                    await steps.RunAsync(scenario, wallet, since);
                }
                finally
                {
                    ledger.Release(wallet);
                }

                return;
            }
        }

        stats.RecordUnstarted("wallets_busy");
    }

    private async Task ShowProgressAsync(RunStats stats, InFlight inFlight, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                progress(stats, inFlight.Count);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SampleAsync(ServerMetrics metrics, long start, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            do
            {
                await metrics.SampleAsync(Stopwatch.GetElapsedTime(start).TotalSeconds);
            }
            while (metrics.Available && await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>A run that could not start: its set-up failed.</summary>
internal sealed class LoadTestException(string message) : Exception(message);
