namespace Actors.Providers.Storage;

/// <summary>One compare-and-swap write of a grain's named state, as handed to <see cref="IStateStore.WriteBatchAsync"/>.</summary>
internal sealed class StateWrite
{
    private StateWrite(StateKey key, ReadOnlyMemory<byte>? data, long expectedVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentException.ThrowIfNullOrEmpty(key.StateName);
        Key = key;
        Data = data;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The record written.</summary>
    public StateKey Key { get; }

    /// <summary>The new serialized state, or null to clear the record (it stays as a tombstone with a new version).</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>The version the writer read; 0 when it read no record.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version after a committed write: <see cref="ExpectedVersion"/> + 1.</summary>
    public long NewVersion => ExpectedVersion + 1;

    /// <summary>What the store did with this write.</summary>
    public StateWriteOutcome Outcome { get; private set; }

    /// <summary>A write of new data. (A separate <see cref="Clear"/> keeps a null array from silently becoming empty data.)</summary>
    public static StateWrite Put(StateKey key, ReadOnlyMemory<byte> data, long expectedVersion) => new(key, data, expectedVersion);

    /// <summary>A clear: the record stays as a tombstone with a new version, so no writer of an older version can win later.</summary>
    public static StateWrite Clear(StateKey key, long expectedVersion) => new(key, null, expectedVersion);

    /// <summary>Called by the store when the write committed (or will commit with the transaction).</summary>
    public void MarkCommitted() => Outcome = StateWriteOutcome.Committed;

    /// <summary>Called by the store when the stored version was not the expected one.</summary>
    public void MarkConflict() => Outcome = StateWriteOutcome.Conflict;

    /// <summary>Puts the write back to pending after its transaction failed.</summary>
    public void ResetOutcome() => Outcome = StateWriteOutcome.Pending;
}
