namespace Actors.Runtime.Storage;

/// <summary>A stored state record: its serialized bytes (null for a cleared record) and its version.</summary>
/// <param name="Data">The serialized state, or null when the record was cleared.</param>
/// <param name="Version">The record's version; every committed write adds one.</param>
#pragma warning disable CA1819 // The provider hands over the buffer it read; copying it would only cost.
public sealed record StoredState(byte[]? Data, long Version);
#pragma warning restore CA1819
