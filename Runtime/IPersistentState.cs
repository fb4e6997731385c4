namespace Actors.Runtime;

/// <summary>
/// A named piece of a grain's state, read when the grain activates and written when the grain says so. Every write is a
/// compare-and-swap on the version the activation holds; writes from many grains are committed together in one transaction.
/// </summary>
/// <typeparam name="TState">The state type; serialized as JSON, so added and removed properties keep old records readable.</typeparam>
public interface IPersistentState<TState> where TState : new()
{
    /// <summary>The state as the activation holds it.</summary>
    TState State { get; set; }

    /// <summary>The stored version this activation holds, or null when no record exists yet.</summary>
    string? Etag { get; }

    /// <summary>The stored version as a number; 0 when no record was ever written.</summary>
    long Version { get; }

    /// <summary>True when a record with data is stored (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Reads the stored record again, replacing <see cref="State"/>.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <see cref="State"/>. Completes once the transaction holding it has committed. On a version conflict throws
    /// <see cref="InconsistentStateException"/> and deactivates the activation (after the current call).
    /// </summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the stored record (a tombstone keeps its version) and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
