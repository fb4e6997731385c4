namespace Actors.Runtime.Storage;

/// <summary>One compare-and-swap write of a grain's named state, as handed to <see cref="IGrainStorage.WriteBatchAsync"/>.</summary>
public sealed class StateWrite
{
    private StateWrite(GrainId grainId, string stateName, ReadOnlyMemory<byte>? data, long expectedVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        GrainId = grainId;
        StateName = stateName;
        Data = data;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>A write of new data. (A separate <see cref="Clear"/> keeps a null array from silently becoming empty data.)</summary>
    /// <param name="grainId">The grain whose state this is.</param>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="data">The new serialized state.</param>
    /// <param name="expectedVersion">The version the writer read; 0 when it read no record.</param>
    public static StateWrite Put(GrainId grainId, string stateName, ReadOnlyMemory<byte> data, long expectedVersion) =>
        new(grainId, stateName, data, expectedVersion);

    /// <summary>A clear: the record stays as a tombstone with a new version.</summary>
    /// <param name="grainId">The grain whose state this is.</param>
    /// <param name="stateName">The state's name within the grain.</param>
    /// <param name="expectedVersion">The version the writer read; 0 when it read no record.</param>
    public static StateWrite Clear(GrainId grainId, string stateName, long expectedVersion) =>
        new(grainId, stateName, null, expectedVersion);

    /// <summary>The grain whose state this is.</summary>
    public GrainId GrainId { get; }

    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; }

    /// <summary>The new serialized state, or null to clear the record (it stays as a tombstone with a new version).</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>The version the writer read; 0 when it read no record.</summary>
    public long ExpectedVersion { get; }

    /// <summary>What the provider did with this write.</summary>
    public StateWriteOutcome Outcome { get; private set; }

    /// <summary>The version after a committed write: <see cref="ExpectedVersion"/> + 1.</summary>
    public long NewVersion => ExpectedVersion + 1;

    /// <summary>Called by the provider when the write committed (or will commit with the transaction).</summary>
    public void MarkCommitted() => Outcome = StateWriteOutcome.Committed;

    /// <summary>Called by the provider when the stored version was not the expected one.</summary>
    public void MarkConflict() => Outcome = StateWriteOutcome.Conflict;

    /// <summary>Resets the outcome, for a batch retried after a failed transaction.</summary>
    public void ResetOutcome() => Outcome = StateWriteOutcome.Pending;
}

/// <summary>What became of a <see cref="StateWrite"/>.</summary>
public enum StateWriteOutcome
{
    /// <summary>Not applied yet.</summary>
    Pending,

    /// <summary>The version matched and the record was written.</summary>
    Committed,

    /// <summary>The stored version differed; nothing was written.</summary>
    Conflict,
}
