using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.Providers.Storage;

/// <summary>
/// Orleans grain storage over one of the providers' stores: state as JSON, the record's version as the ETag, a compare-and-swap
/// on every write and clear. Writes go through the group committer when there is one (the SQL stores), straight to the store
/// otherwise (memory).
/// </summary>
internal sealed partial class GrainStateStorage : IGrainStorage, IGrainStateRetention
{
    private readonly IStateStore _store;
    private readonly GroupCommitter? _committer;
    private readonly IActivatorProvider? _activators;
    private readonly IDisposable? _owned;
    private readonly ILogger _logger;

    /// <param name="name">The storage's Orleans name, for the lifecycle and logs.</param>
    /// <param name="store">Where records live; disposed with this storage.</param>
    /// <param name="committer">Batches the writes; null to write each one on its own. Disposed with this storage.</param>
    /// <param name="activators">Creates the state of a grain with nothing stored; <c>new T()</c> when null.</param>
    /// <param name="logger">Receives conflicts, corrupt records and readiness.</param>
    /// <param name="owned">Something else to dispose with this storage (its metrics).</param>
    public GrainStateStorage(
        string name,
        IStateStore store,
        GroupCommitter? committer,
        IActivatorProvider? activators,
        ILogger logger,
        IDisposable? owned = null)
    {
        Name = name;
        _store = store;
        _committer = committer;
        _activators = activators;
        _logger = logger;
        _owned = owned;
    }

    /// <summary>The storage's Orleans name.</summary>
    public string Name { get; }

    /// <summary>The store under this storage.</summary>
    public IStateStore Store => _store;

    /// <inheritdoc />
    public Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        return _store.DeleteUnchangedSinceAsync(grainType, cutoff, cancellationToken);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        using var activity = StorageActivities.Start("read", key, _store.Name);
        StoredState? stored;
        try
        {
            stored = await _store.ReadAsync(key, cancellationToken);
        }
        catch (Exception error)
        {
            StorageActivities.Failed(activity, error);
            throw;
        }

        if (stored?.Data is not { } data)
        {
            // Never written, or cleared: a tombstone still hands out its version, which the next write must match.
            grainState.State = NewState.Create<T>(_activators);
            grainState.ETag = stored is null ? null : Etags.Format(stored.Version);
            grainState.RecordExists = false;
            return;
        }

        T? value;
        try
        {
            value = GrainStateJson.Deserialize<T>(data);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            StorageActivities.Failed(activity, error);
            StorageLog.CorruptState(_logger, key, stored.Version, typeof(T).FullName ?? typeof(T).Name, error);
            throw new CorruptStateException(
                $"Stored state '{stateName}' of grain {grainId} (version {stored.Version}, {data.Length} bytes) cannot be read as " +
                $"{typeof(T).FullName}: {error.Message} The record is left as it is.",
                error);
        }

        grainState.State = value ?? NewState.Create<T>(_activators);
        grainState.ETag = Etags.Format(stored.Version);
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        using var activity = StorageActivities.Start("write", key, _store.Name);
        var write = StateWrite.Put(key, GrainStateJson.Serialize(grainState.State), Etags.ExpectedVersion(grainState.ETag, key));
        await CommitAsync(write, grainId, grainState.ETag, activity, cancellationToken);
        grainState.ETag = Etags.Format(write.NewVersion);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = StateKey.Of(grainId, stateName);
        using var activity = StorageActivities.Start("clear", key, _store.Name);
        var write = StateWrite.Clear(key, Etags.ExpectedVersion(grainState.ETag, key));
        await CommitAsync(write, grainId, grainState.ETag, activity, cancellationToken);
        grainState.State = NewState.Create<T>(_activators);
        grainState.ETag = Etags.Format(write.NewVersion);
        grainState.RecordExists = false;
    }

    private async Task CommitAsync(
        StateWrite write, GrainId grainId, string? heldEtag, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            if (_committer is null)
            {
                await _store.WriteBatchAsync([write], cancellationToken);
            }
            else
            {
                await _committer.CommitAsync(write, cancellationToken);
            }
        }
        catch (Exception error)
        {
            StorageActivities.Failed(activity, error);
            throw;
        }

        if (write.Outcome != StateWriteOutcome.Committed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "etag_conflict");
            var storedEtag = await StoredEtagAsync(write.Key);
            StorageLog.WriteConflict(_logger, write.Key, heldEtag, storedEtag);
            throw new InconsistentStateException(
                $"State '{write.Key.StateName}' of grain {grainId} was written by another activation since ETag {heldEtag ?? "(none)"} " +
                $"was read (stored ETag {storedEtag ?? "(none)"}); nothing was written.",
                storedEtag,
                heldEtag);
        }
    }

    // Says what the writer lost to, for its error message; neither a failing read nor the caller's cancellation may turn the
    // conflict into another error, because only InconsistentStateException makes Orleans deactivate the stale activation.
    private async Task<string?> StoredEtagAsync(StateKey key)
    {
        try
        {
            return await _store.ReadAsync(key, CancellationToken.None) is { } stored ? Etags.Format(stored.Version) : null;
        }
        catch (StorageUnavailableException)
        {
            return null;
        }
    }
}
