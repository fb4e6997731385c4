using Actors.Grains.Interfaces.Gateway;

namespace Actors.Silo.Gateway;

/// <summary>
/// One attempt of a request that holds its <c>Idempotency-Key</c>: runs it with the response captured, renews the claim's lease
/// every third of the lease while it runs (so a retry waits for a live attempt and takes over a dead one), then keeps only a final
/// outcome: a 2xx response is stored; a 4xx refusal changed nothing and may succeed later (a 429's advised retry, a 409 once the
/// balance is there, a corrected 400), so it frees the key; a 5xx gives the claim up so that a retry resumes the request at once
/// under the same operation id.
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
        var settled = false;
        try
        {
            await next(context);
            await StopAsync(stopRenewing, renewing);
            var response = context.Response;
            if (response.StatusCode is >= 200 and < 300)
            {
                settled = await TryCompleteAsync(new StoredResponse(response.StatusCode, response.ContentType, captured.ToArray()));
            }
            else if (response.StatusCode is >= 400 and < 500)
            {
                settled = await TryForgetAsync();
            }
        }
        finally
        {
            await StopAsync(stopRenewing, renewing);
            context.Response.Body = original;
            if (!settled)
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

    private async Task<bool> TryForgetAsync()
    {
        try
        {
            await record.Forget(fingerprint, claimant);
            return true;
        }
        catch (Exception error) when (GrainErrors.IsUnavailable(error))
        {
            // Released instead: a retry of the same request resumes; a corrected one waits for the record's lifetime.
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
