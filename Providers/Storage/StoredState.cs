namespace Actors.Providers.Storage;

/// <summary>A stored state record: its serialized bytes (null for a cleared record) and its version.</summary>
/// <param name="Data">The serialized state, or null when the record was cleared (a tombstone).</param>
/// <param name="Version">The record's version; every committed write, a clear included, adds one.</param>
#pragma warning disable CA1819 // The store hands over the buffer it read; copying it would only cost.
internal sealed record StoredState(byte[]? Data, long Version);
#pragma warning restore CA1819
