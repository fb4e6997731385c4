using Actors.Grains.Persistence;
using Actors.Providers.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Actors.Silo.Gateway;

/// <summary>
/// Deletes the idempotency records that expired, every <see cref="GatewayOptions.IdempotencySweepInterval"/>, on every silo
/// (deleting is idempotent, so silos need not agree who sweeps). A record is deleted once it is unchanged for the key's
/// lifetime, the grain collection age and an hour more: by then its key names a new request anyway, and its grain has been
/// deactivated (any call to it within the lifetime plus the hour would have written it), so no activation holds the record.
/// </summary>
internal sealed class IdempotencySweep(
    IServiceProvider services, IOptions<GatewayOptions> gateway, IOptions<GrainCollectionOptions> collection, TimeProvider time,
    ILogger<IdempotencySweep> logger) : BackgroundService
{
    /// <summary>The grain type of the records (<c>IdempotencyGrain</c>).</summary>
    public const string GrainType = "idempotency";

    private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    /// <summary>How long a record stays unchanged before it is deleted.</summary>
    public TimeSpan Age => gateway.Value.IdempotencyKeyLifetime + collection.Value.CollectionAge + Margin;

    /// <summary>
    /// Deletes the records unchanged since <paramref name="now"/> minus <see cref="Age"/>, and returns how many; null when the
    /// grain storage cannot delete records. <paramref name="now"/> is compared with the database's clock.
    /// </summary>
    public async Task<int?> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (DefaultGrainStorage.Of(services) is not IGrainStateRetention storage)
        {
            return null;
        }

        return await storage.DeleteUnchangedSinceAsync(GrainType, now - Age, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(gateway.Value.IdempotencySweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // The database's clock is the wall clock, whatever clock the silo's timers run on.
                    switch (await SweepAsync(TimeProvider.System.GetUtcNow(), stoppingToken))
                    {
                        case null:
                            IdempotencyLog.SweepUnsupported(logger, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
                            return;
                        case > 0 and var count:
                            IdempotencyLog.Swept(logger, count);
                            break;
                    }
                }
                catch (StorageUnavailableException error)
                {
                    IdempotencyLog.SweepFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }
}
