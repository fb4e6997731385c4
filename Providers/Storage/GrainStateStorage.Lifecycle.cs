using Orleans;
using Orleans.Runtime;

namespace Actors.Providers.Storage;

internal sealed partial class GrainStateStorage : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>
    /// Migrates the schema when the silo starts its application services, as Orleans's own storage providers initialize, before
    /// any grain activates; drains the group committer when the silo stops, after the grains have deactivated.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe($"{nameof(GrainStateStorage)}-{Name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync, StopAsync);
    }

    /// <summary>Creates or migrates the schema of the store. Idempotent; safe when several silos start at once.</summary>
    /// <exception cref="StorageUnavailableException">The database could not be reached or migrated.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken);
        StorageLog.Ready(_logger, Name, _store.Name);
    }

    /// <summary>Commits the writes already queued; when the token fires first, fails those still waiting.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _committer?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_committer is not null)
        {
            await _committer.DisposeAsync();
        }

        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        _owned?.Dispose();
    }
}
