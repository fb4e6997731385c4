using System.Globalization;
using Actors.Runtime.Activation;
using Actors.Runtime.Diagnostics;

namespace Actors.Runtime.Storage;

/// <summary>A grain's named state bound to its stored record; writes go through the silo's group committer.</summary>
internal sealed class PersistentState<TState>(ActivationData activation, string stateName)
    : IPersistentState<TState>, IPersistentStateLifecycle where TState : new()
{
    public string StateName { get; } = stateName;

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public string? Etag => Version == 0 ? null : Version.ToString(CultureInfo.InvariantCulture);

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        Load(await activation.Runtime.Storage.ReadAsync(activation.GrainId, StateName, cancellationToken).ConfigureAwait(false));

    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var stored = await activation.Runtime.Storage.ReadAsync(activation.GrainId, StateName, cancellationToken).ConfigureAwait(false);
        if ((stored?.Version ?? 0) == Version)
        {
            return false;
        }

        Load(stored);
        return true;
    }

    private void Load(StoredState? stored)
    {
        if (stored?.Data is not { } data)
        {
            State = new();
            Version = stored?.Version ?? 0;
            RecordExists = false;
            return;
        }

        try
        {
            State = activation.Runtime.Serializer.Deserialize<TState>(data);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new CorruptStateException(
                $"Stored state '{StateName}' of grain {activation.GrainId} (version {stored.Version}, {data.Length} bytes) cannot be read as {typeof(TState).FullName}: {error.Message}",
                error);
        }

        Version = stored.Version;
        RecordExists = true;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        CommitAsync(activation.Runtime.Serializer.Serialize(State), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await CommitAsync(null, cancellationToken).ConfigureAwait(false);
        State = new();
    }

    private async Task CommitAsync(byte[]? data, CancellationToken cancellationToken)
    {
        var write = data is null
            ? StateWrite.Clear(activation.GrainId, StateName, Version)
            : StateWrite.Put(activation.GrainId, StateName, data, Version);
        await activation.Runtime.Committer.CommitAsync(write, cancellationToken).ConfigureAwait(false);
        if (write.Outcome == StateWriteOutcome.Conflict)
        {
            Log.WriteConflict(activation.Runtime.Logger, activation.GrainId, StateName, Version);
            activation.Deactivate(DeactivationReason.InconsistentState);
            throw new InconsistentStateException(
                $"State '{StateName}' of grain {activation.GrainId} was written by another activation since version {Version} was read; this activation is deactivated and the next call reads the current state.");
        }

        Version = write.NewVersion;
        RecordExists = data is not null;
    }
}
