using Actors.Providers.Storage.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;

namespace Actors.Providers.Storage;

/// <summary>
/// Grain storage in process memory, with the semantics of the database providers: state round-trips through the same JSON,
/// ETags are record versions, a stale writer gets <see cref="InconsistentStateException"/>, a clear keeps a tombstone. For tests
/// and benchmarks; everything is lost when the process ends.
/// </summary>
/// <remarks>
/// One instance may serve several silos of an in-process test cluster, as one database serves a real cluster: register it
/// with <c>services.AddSingleton&lt;IGrainStorage&gt;(shared)</c> before <c>AddActorsGrainStorage</c>, which then uses it.
/// </remarks>
public sealed class InMemoryGrainStorage : IGrainStorage, IGrainStateRetention
{
    private readonly GrainStateStorage _storage;

    /// <summary>Creates an empty storage.</summary>
    public InMemoryGrainStorage()
        : this(new MemoryStateStore(), NullLogger.Instance)
    {
    }

    internal InMemoryGrainStorage(MemoryStateStore store, ILogger logger)
    {
        Store = store;
        _storage = new GrainStateStorage("memory", store, committer: null, activators: null, logger);
    }

    internal MemoryStateStore Store { get; }

    /// <inheritdoc />
    public Task<int> DeleteUnchangedSinceAsync(string grainType, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        _storage.DeleteUnchangedSinceAsync(grainType, cutoff, cancellationToken);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _storage.ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _storage.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _storage.WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _storage.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _storage.ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _storage.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
