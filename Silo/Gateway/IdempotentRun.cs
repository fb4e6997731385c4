using Actors.Grains.Interfaces.Gateway;

namespace Actors.Silo.Gateway;

/// <summary>
/// One attempt of a request that holds its <c>Idempotency-Key</c>: runs it with the response captured, renews the claim's lease
/// every third of the lease while it runs (so a retry waits for a live attempt and takes over a dead one), then stores the
/// response (any status below 500) or, for a 5xx, gives the claim up so that a retry resumes the request at once.
/// </summary>
internal sealed class IdempotentRun(
    IIdempotencyGrain record, string fingerprint, SiloAddress claimant, TimeSpan lease, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan ShortestRenewal = TimeSpan.FromMilliseconds(10);

    public async Task ExecuteAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewAsync(stopRenewing.Token);
        var kept = false;
        try
        {
            await next(context);
            await StopAsync(stopRenewing, renewing);
            var response = context.Response;
            if (response.StatusCode < 500)
            {
                kept = await TryCompleteAsync(new StoredResponse(response.StatusCode, response.ContentType, captured.ToArray()));
            }
        }
        finally
        {
            await StopAsync(stopRenewing, renewing);
            context.Response.Body = original;
            if (!kept)
            {
                await ReleaseQuietlyAsync();
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(lease.Ticks / 3, ShortestRenewal.Ticks)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    if (!await record.Renew(fingerprint, claimant).WaitAsync(stop))
                    {
                        IdempotencyLog.ClaimLost(logger, claimant);
                        return;
                    }
                }
                catch (Exception error) when (GrainErrors.IsUnavailable(error))
                {
                    // The next tick tries again; the lease runs on meanwhile.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The request ended.
        }
    }

    private async Task<bool> TryCompleteAsync(StoredResponse response)
    {
        try
        {
            await record.Complete(fingerprint, response);
            return true;
        }
        catch (Exception error) when (GrainErrors.IsUnavailable(error))
        {
            // The client still gets its response; a retry runs again under the same operation id and gets the same effect.
            IdempotencyLog.NotStored(logger, error);
            return false;
        }
    }

    private async Task ReleaseQuietlyAsync()
    {
        try
        {
            await record.Release(fingerprint, claimant);
        }
        catch (Exception error) when (GrainErrors.IsUnavailable(error))
        {
            // The claim's lease ends by itself.
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task renewing)
    {
        await stop.CancelAsync();
        await renewing;
    }
}
