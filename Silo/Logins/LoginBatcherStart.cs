using Actors.Grains.Interfaces.Logins;

namespace Actors.Silo.Logins;

/// <summary>
/// Wakes the login log's batcher when the silo becomes active, so batches are committed from the start; after that the
/// batcher's reminder brings it back wherever it lands.
/// </summary>
internal sealed class LoginBatcherStart(IGrainFactory grains, ILogger<LoginBatcherStart> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LoginBatcherStart), ServiceLifecycleStage.Active, async _ =>
        {
            try
            {
                await grains.GetGrain<ILoginBatcherGrain>(0).Start();
            }
            catch (Exception error) when (error is OrleansException or TimeoutException)
            {
                // Another silo's activation or the reminder starts it; this silo goes on.
                LoginStartLog.BatcherNotStarted(logger, error.Message);
            }
        });
}

internal static partial class LoginStartLog
{
    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "The login batcher did not start from this silo: {Reason}")]
    public static partial void BatcherNotStarted(ILogger logger, string reason);
}
